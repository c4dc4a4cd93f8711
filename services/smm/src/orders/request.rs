//! What a placement asks for, read from the panel's form (seed 002's
//! parameter names) or the reseller API's (`service`, `usernames`, ...),
//! before the service's rules are applied (`rules.rs`).

use crate::input::Params;
use sha2::{Digest, Sha256};

/// Longest link or text field taken.
const MAX_TEXT: usize = 2_000;
/// Comments and username lists: one per line.
const MAX_LIST: usize = 100_000;

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub service_id: i64,
    pub category_id: Option<i64>,
    pub quantity: Option<i64>,
    pub link: Option<String>,
    pub drip_feed: bool,
    pub runs: Option<i64>,
    pub interval: Option<i64>,
    pub subscription: bool,
    pub comments: Option<String>,
    pub usernames: Option<String>,
    pub username: Option<String>,
    pub hashtags: Option<String>,
    pub hashtag: Option<String>,
    pub media: Option<String>,
    pub sub_min: Option<i64>,
    pub sub_max: Option<i64>,
    pub sub_posts: Option<i64>,
    pub sub_delay: Option<i64>,
    pub sub_expiry: Option<String>,
}

impl Request {
    /// `POST /api/v1/order` (seed 002's names). `runs` and `interval` are
    /// read only for a drip-feed order: clients send them always, some as
    /// `undefined`. `api_provider_id` and `api_service_id` are the
    /// service's, never the client's.
    pub fn from_panel(params: &mut Params) -> Option<Request> {
        let service_id = params.required_integer("service_id", 1, i64::MAX);
        let category_id = params.required_integer("category_id", 1, i64::MAX);
        let drip_feed = is_on(params, "is_drip_feed");
        let subscription = params
            .text("service_type", 64, false)
            .is_some_and(|t| t.eq_ignore_ascii_case("subscriptions"));
        let mut request = Request {
            category_id,
            drip_feed,
            subscription,
            quantity: params.integer("quantity", 0, i64::MAX),
            link: params.text("link", MAX_TEXT, false),
            comments: params
                .text("comments", MAX_LIST, true)
                .or_else(|| params.text("comments_custom_package", MAX_LIST, true)),
            usernames: params.text("usernames_custom", MAX_LIST, true),
            username: params.text("username", MAX_TEXT, false),
            hashtags: params.text("hashtags", MAX_TEXT, true),
            hashtag: params.text("hashtag", MAX_TEXT, false),
            media: params.text("media_url", MAX_TEXT, false),
            ..Request::default()
        };
        if drip_feed {
            request.runs = params.required_integer("runs", 1, i64::MAX);
            request.interval = params.required_integer("interval", 1, 60 * 24 * 30);
        }
        if subscription {
            request.read_subscription(params, "sub_");
        }
        Some(Request {
            service_id: service_id?,
            ..request
        })
    }

    /// The reseller API's `add` (reference: smm.md). Drip-feed is `runs`
    /// and `interval` both sent as numbers.
    pub fn from_reseller(params: &mut Params) -> Option<Request> {
        let service_id = params.required_integer("service", 1, i64::MAX);
        let runs = lenient_integer(params, "runs");
        let interval = lenient_integer(params, "interval");
        let drip_feed = runs.is_some_and(|r| r > 1) && interval.is_some();
        let mut request = Request {
            quantity: params.integer("quantity", 0, i64::MAX),
            link: params.text("link", MAX_TEXT, false),
            comments: params.text("comments", MAX_LIST, true),
            usernames: params.text("usernames", MAX_LIST, true),
            username: params.text("username", MAX_TEXT, false),
            hashtags: params.text("hashtags", MAX_TEXT, true),
            hashtag: params.text("hashtag", MAX_TEXT, false),
            media: params.text("media", MAX_TEXT, false),
            drip_feed,
            runs: runs.filter(|_| drip_feed),
            interval: interval.filter(|_| drip_feed),
            ..Request::default()
        };
        request.read_subscription(params, "");
        request.subscription = request.sub_max.is_some() || request.sub_posts.is_some();
        Some(Request {
            service_id: service_id?,
            ..request
        })
    }

    /// `min`, `max`, `posts`, `delay`, `expiry`, with the panel's `sub_`
    /// prefix or without it.
    fn read_subscription(&mut self, params: &mut Params, prefix: &str) {
        let mut number = |name: &str| {
            let prefixed = format!("{prefix}{name}");
            params
                .integer(&prefixed, 0, i64::MAX)
                .or_else(|| params.integer(name, 0, i64::MAX))
        };
        self.sub_min = number("min");
        self.sub_max = number("max");
        self.sub_posts = number("posts");
        self.sub_delay = number("delay");
        self.sub_expiry = params
            .text(&format!("{prefix}expiry"), 32, false)
            .or_else(|| params.text("expiry", 32, false));
        if self.username.is_none() {
            self.username = params.text("sub_username", MAX_TEXT, false);
        }
    }

    /// What an `Idempotency-Key` must come back with: the same service,
    /// target and amounts.
    pub fn fingerprint(&self) -> String {
        let text = format!("{self:?}");
        let digest = Sha256::digest(text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// `on` (the panel's checkbox), `1`, `true`, `yes`; anything else is off,
/// as the seed says ("on or doesn't matter what").
fn is_on(params: &Params, name: &str) -> bool {
    params.fields().flag(name).ok().flatten().unwrap_or(false)
}

/// A number, or nothing for what some clients send when there is none
/// (`undefined`, empty, `0`).
fn lenient_integer(params: &Params, name: &str) -> Option<i64> {
    params
        .fields()
        .integer(name)
        .ok()
        .flatten()
        .filter(|n| *n > 0)
}
