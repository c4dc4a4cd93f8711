//! The page a list asks for (`page`, and `perPage`, `per-page` or
//! `pageSize`) and the address its `_links` point at.

use crate::SocialError;
use actix_web::HttpRequest;
use platform_http::fields::FieldErrors;
use platform_http::reply::Paging;
use platform_http::rules::Rule;

pub fn of(req: &HttpRequest) -> Result<(Paging, String), SocialError> {
    let paging = Paging::from_query(&clamped(req.query_string())).map_err(|name| {
        let rule = if name == "page" {
            Rule::AtLeast(1)
        } else {
            Rule::Range {
                min: 1,
                max: Paging::MAX_PER_PAGE,
            }
        };
        let mut errors = FieldErrors::default();
        errors.add_rule(name, name, rule);
        SocialError::Invalid(errors)
    })?;
    let url = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.path().to_string(), |pq| pq.as_str().to_string());
    Ok((paging, url))
}

/// `LIMIT` and `OFFSET` of the page, as the database takes them.
pub fn window(paging: Paging) -> (i64, i64) {
    (
        i64::try_from(paging.per_page).unwrap_or(i64::MAX),
        i64::try_from(paging.offset()).unwrap_or(i64::MAX),
    )
}

/// The query with a page size over the largest lowered to it: the app's
/// documents ask for 300, and Yii2 (`pageSizeLimit`) clamps rather than
/// refuses.
fn clamped(query: &str) -> String {
    let Ok(mut pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query) else {
        return query.to_string();
    };
    for (k, v) in &mut pairs {
        let size = matches!(k.as_str(), "perPage" | "per-page" | "pageSize");
        if size && platform_http::digits::whole_number(v).is_some_and(|n| n > Paging::MAX_PER_PAGE)
        {
            *v = Paging::MAX_PER_PAGE.to_string();
        }
    }
    serde_urlencoded::to_string(&pairs).unwrap_or_else(|_| query.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn oversized_pages_are_clamped_as_yii_does() {
        assert_eq!(super::clamped("page=1&per-page=300"), "page=1&per-page=100");
        assert_eq!(super::clamped("perPage=5"), "perPage=5");
        assert_eq!(super::clamped("perPage=x"), "perPage=x");
    }
}
