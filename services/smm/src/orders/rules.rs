//! The panel's rules for a placement: the service on sale and in the
//! category asked, the quantity within its bounds, a usable link, what the
//! service's type needs, drip-feed only where the service allows it. Each
//! refusal has a Persian message and a stable `code`.

use super::request::Request;
use crate::catalog::model::Service;
use crate::kinds::ServiceKind;
use crate::money::Money;
use crate::SmmError;
use actix_web::http::StatusCode;

/// The subscription delays the protocol knows, in minutes.
const DELAYS: [i64; 19] = [
    0, 5, 10, 15, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 360, 420, 480, 540, 600,
];
/// Most posts a subscription may be charged for up front.
const MAX_POSTS: i64 = 10_000;

/// An order ready to store: what was asked, checked, and its price.
#[derive(Debug, Clone)]
pub struct Checked {
    pub request: Request,
    pub kind: ServiceKind,
    /// Units in all: runs × per-run quantity for drip-feed, lines for
    /// comment lists, 1 for a package, `max` per post for a subscription.
    pub quantity: i64,
    pub dripfeed_quantity: i64,
    /// The price per 1000 after the account's discount.
    pub rate: Money,
    pub charge: Money,
}

fn refuse(code: &'static str, fa: &'static str, en: &'static str) -> SmmError {
    SmmError::refused(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

fn missing(field: &'static str) -> SmmError {
    SmmError::refused_with(
        StatusCode::UNPROCESSABLE_ENTITY,
        "missing_field",
        format!("وارد کردن {field} برای این سرویس الزامی است"),
        format!("{field} is required for this service"),
    )
}

pub fn check(
    request: Request,
    service: &Service,
    custom_rate: i32,
    max_runs: i64,
) -> Result<Checked, SmmError> {
    if service.status != 1 {
        return Err(refuse(
            "service_inactive",
            "این سرویس در حال حاضر فعال نیست",
            "This service is not available",
        ));
    }
    if request.category_id.is_some_and(|c| c != service.cate_id) {
        return Err(refuse(
            "category_mismatch",
            "سرویس انتخاب شده در این دسته‌بندی نیست",
            "The service is not in this category",
        ));
    }
    let kind = service.kind();
    if request.subscription && kind != ServiceKind::Subscriptions {
        return Err(refuse(
            "not_a_subscription",
            "این سرویس اشتراکی نیست",
            "This service does not take subscriptions",
        ));
    }
    if kind != ServiceKind::Subscriptions {
        check_link(request.link.as_deref())?;
    }
    if request.drip_feed && (service.dripfeed != 1 || kind != ServiceKind::Default) {
        return Err(refuse(
            "dripfeed_not_allowed",
            "این سرویس امکان ارسال تدریجی ندارد",
            "This service does not allow drip-feed",
        ));
    }
    let rate = Money(service.price).discounted(custom_rate);
    let within = |n: i64| n >= service.min_quantity && n <= service.max_quantity;
    let out_of_range = || {
        SmmError::refused_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            "quantity_out_of_range",
            format!(
                "تعداد باید بین {} و {} باشد",
                service.min_quantity, service.max_quantity
            ),
            format!(
                "Quantity must be between {} and {}",
                service.min_quantity, service.max_quantity
            ),
        )
    };
    let lines = |text: &Option<String>| {
        text.as_deref().map_or(0, |t| {
            t.lines().filter(|l| !l.trim().is_empty()).count() as i64
        })
    };
    let per_unit = |quantity: i64| Money::for_quantity(rate, quantity);
    let (quantity, dripfeed_quantity, charge) = match kind {
        ServiceKind::Package => (1, 0, rate),
        ServiceKind::CustomCommentsPackage => {
            if lines(&request.comments) == 0 {
                return Err(missing("comments"));
            }
            (1, 0, rate)
        }
        ServiceKind::CustomComments => {
            let n = lines(&request.comments);
            if n == 0 {
                return Err(missing("comments"));
            }
            if !within(n) {
                return Err(out_of_range());
            }
            (n, 0, per_unit(n))
        }
        ServiceKind::MentionsCustomList => {
            let n = lines(&request.usernames);
            if n == 0 {
                return Err(missing("usernames"));
            }
            if !within(n) {
                return Err(out_of_range());
            }
            (n, 0, per_unit(n))
        }
        ServiceKind::Subscriptions => return subscription(request, service, rate),
        _ => {
            let quantity = request.quantity.ok_or_else(|| missing("quantity"))?;
            if !within(quantity) {
                return Err(out_of_range());
            }
            match kind {
                ServiceKind::MentionsWithHashtags => {
                    request
                        .usernames
                        .as_ref()
                        .ok_or_else(|| missing("usernames"))?;
                    request
                        .hashtags
                        .as_ref()
                        .ok_or_else(|| missing("hashtags"))?;
                }
                ServiceKind::MentionsHashtag => {
                    request.hashtag.as_ref().ok_or_else(|| missing("hashtag"))?;
                }
                ServiceKind::MentionsUserFollowers | ServiceKind::CommentLikes => {
                    request
                        .username
                        .as_ref()
                        .ok_or_else(|| missing("username"))?;
                }
                ServiceKind::MentionsMediaLikers => {
                    request.media.as_ref().ok_or_else(|| missing("media_url"))?;
                }
                _ => {}
            }
            if request.drip_feed {
                let runs = request.runs.unwrap_or(0);
                if !(2..=max_runs).contains(&runs) {
                    return Err(SmmError::refused_with(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "runs_out_of_range",
                        format!("تعداد دفعات باید بین 2 و {max_runs} باشد"),
                        format!("runs must be between 2 and {max_runs}"),
                    ));
                }
                let total = quantity.saturating_mul(runs);
                (total, quantity, per_unit(total))
            } else {
                (quantity, 0, per_unit(quantity))
            }
        }
    };
    Ok(Checked {
        request,
        kind,
        quantity,
        dripfeed_quantity,
        rate,
        charge,
    })
}

/// A subscription watches `username` for new posts and delivers between
/// `min` and `max` per post; it is charged up front for `max` on every one
/// of `posts` (so `posts` is required: an unlimited one has no price).
fn subscription(request: Request, service: &Service, rate: Money) -> Result<Checked, SmmError> {
    request
        .username
        .as_ref()
        .ok_or_else(|| missing("username"))?;
    let min = request.sub_min.ok_or_else(|| missing("min"))?;
    let max = request.sub_max.ok_or_else(|| missing("max"))?;
    let posts = request.sub_posts.ok_or_else(|| missing("posts"))?;
    let within = |n: i64| n >= service.min_quantity && n <= service.max_quantity;
    if !within(min) || !within(max) || min > max {
        return Err(SmmError::refused_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            "quantity_out_of_range",
            format!(
                "حداقل و حداکثر باید بین {} و {} باشند و حداقل از حداکثر بیشتر نباشد",
                service.min_quantity, service.max_quantity
            ),
            format!(
                "min and max must be between {} and {}, min not above max",
                service.min_quantity, service.max_quantity
            ),
        ));
    }
    if !(1..=MAX_POSTS).contains(&posts) {
        return Err(SmmError::refused_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            "posts_out_of_range",
            format!("تعداد پست‌ها باید بین 1 و {MAX_POSTS} باشد"),
            format!("posts must be between 1 and {MAX_POSTS}"),
        ));
    }
    if !DELAYS.contains(&request.sub_delay.unwrap_or(0)) {
        return Err(refuse(
            "invalid_delay",
            "تاخیر انتخاب شده مجاز نیست",
            "delay must be one of 0, 5, 10, 15, 30, 60, 90, ... 600 minutes",
        ));
    }
    if let Some(expiry) = &request.sub_expiry {
        if !is_date(expiry) {
            return Err(refuse(
                "invalid_expiry",
                "تاریخ انقضا باید به شکل روز/ماه/سال باشد",
                "expiry must be a date as d/m/Y",
            ));
        }
    }
    let total = max.saturating_mul(posts);
    Ok(Checked {
        request,
        kind: ServiceKind::Subscriptions,
        quantity: max,
        dripfeed_quantity: 0,
        rate,
        charge: Money::for_quantity(rate, total),
    })
}

/// An http(s) URL with a host, or a bare handle (`instagram`, `@page`) as
/// the services' descriptions ask for; no spaces.
pub fn check_link(link: Option<&str>) -> Result<(), SmmError> {
    let Some(link) = link else {
        return Err(missing("link"));
    };
    let handle = |s: &str| {
        let s = s.strip_prefix('@').unwrap_or(s);
        !s.is_empty()
            && s.len() <= 100
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    let url = |s: &str| {
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"));
        rest.is_some_and(|r| {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            host.contains('.') && !r.chars().any(char::is_whitespace)
        })
    };
    if handle(link) || url(link) {
        Ok(())
    } else {
        Err(refuse(
            "invalid_link",
            "لینک وارد شده معتبر نیست",
            "The link is not valid",
        ))
    }
}

/// `d/m/Y`, as the protocol writes expiry dates.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return false;
    };
    let num = |s: &str, lo: u32, hi: u32| s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n));
    num(d, 1, 31) && num(m, 1, 12) && y.len() == 4 && num(y, 2000, 2999)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_urls_or_handles() {
        assert!(check_link(Some(
            "https://www.instagram.com/p/CA2-Sn-n9YX/?igshid=umy1k0igwj1b"
        ))
        .is_ok());
        assert!(check_link(Some("instagram")).is_ok());
        assert!(check_link(Some("@my.page_1")).is_ok());
        for bad in [
            "eum eum",
            "ftp://x.y",
            "https://nohost",
            "javascript:alert(1)",
        ] {
            assert_eq!(
                check_link(Some(bad)).unwrap_err().code(),
                Some("invalid_link"),
                "{bad}"
            );
        }
        assert_eq!(check_link(None).unwrap_err().code(), Some("missing_field"));
    }

    #[test]
    fn expiry_dates_are_day_month_year() {
        assert!(is_date("31/12/2027"));
        assert!(!is_date("2027-12-31"));
        assert!(!is_date("32/1/2027"));
    }
}
