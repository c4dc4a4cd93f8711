//! The service types of the reseller protocol (reference: smm.md, "Parameters
//! of `add` by service type"), under the snake_case names the panel stores
//! (`"type": "default"` in seed 002) and the protocol's display names.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceKind {
    Default,
    Package,
    CustomComments,
    CustomCommentsPackage,
    MentionsWithHashtags,
    MentionsCustomList,
    MentionsHashtag,
    MentionsUserFollowers,
    MentionsMediaLikers,
    CommentLikes,
    Subscriptions,
}

const ALL: [(ServiceKind, &str, &str); 11] = [
    (ServiceKind::Default, "default", "Default"),
    (ServiceKind::Package, "package", "Package"),
    (
        ServiceKind::CustomComments,
        "custom_comments",
        "Custom Comments",
    ),
    (
        ServiceKind::CustomCommentsPackage,
        "custom_comments_package",
        "Custom Comments Package",
    ),
    (
        ServiceKind::MentionsWithHashtags,
        "mentions_with_hashtags",
        "Mentions with Hashtags",
    ),
    (
        ServiceKind::MentionsCustomList,
        "mentions_custom_list",
        "Mentions Custom List",
    ),
    (
        ServiceKind::MentionsHashtag,
        "mentions_hashtag",
        "Mentions Hashtag",
    ),
    (
        ServiceKind::MentionsUserFollowers,
        "mentions_user_followers",
        "Mentions User Followers",
    ),
    (
        ServiceKind::MentionsMediaLikers,
        "mentions_media_likers",
        "Mentions Media Likers",
    ),
    (ServiceKind::CommentLikes, "comment_likes", "Comment Likes"),
    (ServiceKind::Subscriptions, "subscriptions", "Subscriptions"),
];

impl ServiceKind {
    /// The stored name, or the protocol's display name in any case and
    /// spacing ("Custom Comments", "custom_comments").
    pub fn parse(text: &str) -> Option<ServiceKind> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        ALL.iter()
            .find(|(_, name, _)| *name == wanted)
            .map(|(k, _, _)| *k)
    }

    pub fn as_str(self) -> &'static str {
        ALL.iter()
            .find(|(k, _, _)| *k == self)
            .map_or("default", |(_, n, _)| n)
    }

    /// The reseller protocol's name.
    pub fn display(self) -> &'static str {
        ALL.iter()
            .find(|(k, _, _)| *k == self)
            .map_or("Default", |(_, _, d)| d)
    }

    /// Every stored name, for messages and the documents.
    pub fn names() -> impl Iterator<Item = &'static str> {
        ALL.iter().map(|(_, n, _)| *n)
    }

    /// Types whose quantity is fixed by the service or the input rather
    /// than sent: a package is one unit, comments count their lines.
    pub fn quantity_from_input(self) -> bool {
        !matches!(
            self,
            ServiceKind::Package
                | ServiceKind::CustomComments
                | ServiceKind::CustomCommentsPackage
                | ServiceKind::MentionsCustomList
                | ServiceKind::Subscriptions
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_read() {
        assert_eq!(
            ServiceKind::parse("Custom Comments"),
            Some(ServiceKind::CustomComments)
        );
        assert_eq!(
            ServiceKind::parse("custom_comments"),
            Some(ServiceKind::CustomComments)
        );
        assert_eq!(
            ServiceKind::parse("Mentions with Hashtags"),
            Some(ServiceKind::MentionsWithHashtags)
        );
        assert_eq!(ServiceKind::parse("nope"), None);
        for name in ServiceKind::names() {
            assert_eq!(
                ServiceKind::parse(name).map(ServiceKind::as_str),
                Some(name)
            );
        }
    }
}
