//! The four reactions a user keeps on a target, at most one of each.

use crate::catalog::counters::Delta;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaction {
    Like,
    Dislike,
    Favorite,
    /// A subscription to the target's news (Add Notification): a store's
    /// broadcasts reach its subscribers.
    Notification,
}

impl Reaction {
    pub const ALL: [Reaction; 4] = [
        Reaction::Like,
        Reaction::Dislike,
        Reaction::Favorite,
        Reaction::Notification,
    ];

    /// As stored and as the routes name it (`add-like`, `delete-favorite`).
    pub fn name(self) -> &'static str {
        match self {
            Reaction::Like => "like",
            Reaction::Dislike => "dislike",
            Reaction::Favorite => "favorite",
            Reaction::Notification => "notification",
        }
    }

    pub fn parse(name: &str) -> Option<Reaction> {
        Reaction::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The reaction this one removes: a like removes the dislike and back.
    pub fn excludes(self) -> Option<Reaction> {
        match self {
            Reaction::Like => Some(Reaction::Dislike),
            Reaction::Dislike => Some(Reaction::Like),
            _ => None,
        }
    }

    /// The change of counters when `n` of these rows come (+) or go (-).
    pub fn delta(self, n: i64) -> Delta {
        let mut d = Delta::default();
        match self {
            Reaction::Like => d.liked = n,
            Reaction::Dislike => d.disliked = n,
            Reaction::Favorite => d.favorites = n,
            Reaction::Notification => d.notifications = n,
        }
        d
    }

    /// The answers of Add and Delete.
    pub fn added(self) -> &'static str {
        match self {
            Reaction::Like => "Liked",
            Reaction::Dislike => "Disliked",
            Reaction::Favorite => "Added to favorites",
            Reaction::Notification => "Notification added",
        }
    }

    pub fn already(self) -> &'static str {
        match self {
            Reaction::Like => "Already liked",
            Reaction::Dislike => "Already disliked",
            Reaction::Favorite => "Already in favorites",
            Reaction::Notification => "Notification already added",
        }
    }

    pub fn deleted(self) -> &'static str {
        match self {
            Reaction::Like => "Like deleted",
            Reaction::Dislike => "Dislike deleted",
            Reaction::Favorite => "Favorite deleted",
            Reaction::Notification => "Notification deleted",
        }
    }

    pub fn absent(self) -> &'static str {
        match self {
            Reaction::Like => "Not Liked",
            Reaction::Dislike => "Not dislike",
            Reaction::Favorite => "Not favorite",
            // the app's spelling
            Reaction::Notification => "Not notifcation",
        }
    }
}

impl std::ops::Add for Delta {
    type Output = Delta;
    fn add(self, o: Delta) -> Delta {
        Delta {
            viewed: self.viewed + o.viewed,
            liked: self.liked + o.liked,
            disliked: self.disliked + o.disliked,
            comments: self.comments + o.comments,
            favorites: self.favorites + o.favorites,
            notifications: self.notifications + o.notifications,
        }
    }
}
