//! Every dialect's success bodies, as types that serialize (handlers build
//! these, never `json!`), and each answered with its status on the status
//! line too. Field names and shapes are the seeds'.

use actix_web::body::BoxBody;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, Responder};
use serde::Serialize;

fn respond(status: u16, body: &impl Serialize) -> HttpResponse {
    HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK)).json(body)
}

/// The panel: `{"status":N, ...fields of T}` (seed 002).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Panel<T> {
    /// The status line's number.
    pub status: u16,
    #[serde(flatten)]
    pub body: T,
}

impl<T> Panel<T> {
    pub fn new(status: u16, body: T) -> Panel<T> {
        Panel { status, body }
    }
}

impl<T: Serialize> Responder for Panel<T> {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        respond(self.status, &self)
    }
}

/// The bazaar apps' action envelope:
/// `{"status":"success","message":"...","data":T}` (seed 000; `data` is
/// `""` when there is nothing to give).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BazaarAction<T> {
    /// Always `success`.
    status: &'static str,
    pub message: String,
    pub data: T,
}

impl<T> BazaarAction<T> {
    pub fn new(message: impl Into<String>, data: T) -> BazaarAction<T> {
        BazaarAction {
            status: "success",
            message: message.into(),
            data,
        }
    }
}

impl BazaarAction<&'static str> {
    /// An action with nothing to return: `"data": ""`.
    pub fn done(message: impl Into<String>) -> BazaarAction<&'static str> {
        BazaarAction::new(message, "")
    }
}

impl<T: Serialize> Responder for BazaarAction<T> {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        respond(200, &self)
    }
}

/// A page asked for: `page` 1-based, its size from `perPage`, `per-page`
/// or `pageSize` (the apps use all three), within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u64,
    pub per_page: u64,
}

impl Paging {
    pub const DEFAULT_PER_PAGE: u64 = 20;
    pub const MAX_PER_PAGE: u64 = 100;

    /// From a query string; `Err` names the parameter that is not a whole
    /// number in bounds (page ≥ 1, 1 ≤ size ≤ 100).
    pub fn from_query(query: &str) -> Result<Paging, &'static str> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query).map_err(|_| "query")?;
        let find = |names: &[&'static str]| {
            names.iter().find_map(|name| {
                pairs
                    .iter()
                    .find(|(k, v)| k == name && !v.trim().is_empty())
                    .map(|(_, v)| (*name, v.trim().to_string()))
            })
        };
        let number = |(name, raw): (&'static str, String)| -> Result<u64, &'static str> {
            crate::digits::whole_number(&raw).ok_or(name)
        };
        let page = find(&["page"]).map(number).transpose()?.unwrap_or(1);
        let per_page = find(&["perPage", "per-page", "pageSize"])
            .map(|found| {
                let name = found.0;
                number(found).and_then(|n| {
                    (1..=Self::MAX_PER_PAGE)
                        .contains(&n)
                        .then_some(n)
                        .ok_or(name)
                })
            })
            .transpose()?
            .unwrap_or(Self::DEFAULT_PER_PAGE);
        if page == 0 || page > i64::MAX as u64 / Self::MAX_PER_PAGE {
            return Err("page");
        }
        Ok(Paging { page, per_page })
    }

    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.per_page
    }

    /// Pages for `total` rows (at least 1, as Yii counts).
    pub fn page_count(&self, total: u64) -> u64 {
        total.div_ceil(self.per_page).max(1)
    }
}

/// The Yii2 REST list of the bazaar apps:
/// `{"items":[...],"_links":{"self":{"href"},"next","last"},"_meta":{...}}`
/// with the `X-Pagination-*` headers.
#[derive(Debug, Serialize)]
pub struct YiiList<T> {
    pub items: Vec<T>,
    #[serde(rename = "_links")]
    links: Links,
    #[serde(rename = "_meta")]
    meta: Meta,
}

#[derive(Debug, Serialize)]
struct Links {
    #[serde(rename = "self")]
    this: Href,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<Href>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<Href>,
}

#[derive(Debug, Serialize)]
struct Href {
    href: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    total_count: u64,
    page_count: u64,
    current_page: u64,
    per_page: u64,
}

impl<T> YiiList<T> {
    /// `items` of page `paging` out of `total`; links point at `url` (the
    /// request's path and query) with `page` replaced.
    pub fn new(items: Vec<T>, total: u64, paging: Paging, url: &str) -> YiiList<T> {
        let page_count = paging.page_count(total);
        let href = |page: u64| Href {
            href: with_page(url, page),
        };
        YiiList {
            items,
            links: Links {
                this: href(paging.page),
                next: (paging.page < page_count).then(|| href(paging.page + 1)),
                last: (page_count > 1).then(|| href(page_count)),
            },
            meta: Meta {
                total_count: total,
                page_count,
                current_page: paging.page,
                per_page: paging.per_page,
            },
        }
    }
}

impl<T: Serialize> Responder for YiiList<T> {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let mut res = respond(200, &self);
        for (name, value) in [
            ("x-pagination-total-count", self.meta.total_count),
            ("x-pagination-page-count", self.meta.page_count),
            ("x-pagination-current-page", self.meta.current_page),
            ("x-pagination-per-page", self.meta.per_page),
        ] {
            res.headers_mut()
                .insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
        res
    }
}

/// `url` with its `page` parameter set to `page`.
fn with_page(url: &str, page: u64) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    pairs.retain(|(k, _)| k != "page");
    pairs.push(("page".into(), page.to_string()));
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

/// The bazaar apps' paged envelope (seed 000's chat logs):
/// `{"status":"success","message":...,"totalCount":"21","totalPages":3,
/// "page":2,"perPage":10,"data":[...]}`; `totalCount` is a string there.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BazaarPage<T> {
    status: &'static str,
    message: String,
    total_count: String,
    total_pages: u64,
    page: u64,
    per_page: u64,
    data: Vec<T>,
}

impl<T> BazaarPage<T> {
    pub fn new(message: impl Into<String>, data: Vec<T>, total: u64, paging: Paging) -> Self {
        BazaarPage {
            status: "success",
            message: message.into(),
            total_count: total.to_string(),
            total_pages: paging.page_count(total),
            page: paging.page,
            per_page: paging.per_page,
            data,
        }
    }
}

impl<T: Serialize> Responder for BazaarPage<T> {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        respond(200, &self)
    }
}

/// The invoicing API's envelope (seed 003):
/// `{"data":T,"success":true,"status":N}`, with `message` where documented.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Ledger<T> {
    pub data: T,
    /// Always `true` on success.
    success: bool,
    /// The status line's number.
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub message: Option<String>,
}

impl<T> Ledger<T> {
    pub fn new(status: u16, data: T) -> Ledger<T> {
        Ledger {
            data,
            success: true,
            status,
            message: None,
        }
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Ledger<T> {
        self.message = Some(message.into());
        self
    }
}

impl<T: Serialize> Responder for Ledger<T> {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        respond(self.status, &self)
    }
}

/// The building app (seed 004): `{"status":N,"data":T}`.
#[derive(Debug, Serialize)]
pub struct Building<T> {
    pub status: u16,
    pub data: T,
}

impl<T: Serialize> Responder for Building<T> {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        respond(self.status, &self)
    }
}

/// The building app's answer without data: `{"status":N,"message":...}`.
#[derive(Debug, Serialize)]
pub struct BuildingMessage {
    pub status: u16,
    pub message: String,
}

impl Responder for BuildingMessage {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        respond(self.status, &self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use serde_json::{json, Value};

    fn body(res: HttpResponse) -> (u16, Value, actix_web::http::header::HeaderMap) {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = actix_web::rt::System::new()
            .block_on(actix_web::body::to_bytes(res.into_body()))
            .unwrap_or_default();
        (status, serde_json::from_slice(&bytes).unwrap(), headers)
    }

    #[test]
    fn each_dialect_has_its_seed_shape() {
        let req = TestRequest::default().to_http_request();
        #[derive(Serialize)]
        struct Sent {
            expires_at: i64,
            message: &'static str,
        }
        let (status, got, _) = body(
            Panel::new(
                201,
                Sent {
                    expires_at: 5,
                    message: "کد تایید ارسال شد",
                },
            )
            .respond_to(&req),
        );
        assert_eq!(status, 201);
        assert_eq!(
            got,
            json!({"status": 201, "expires_at": 5, "message": "کد تایید ارسال شد"})
        );
        let (_, got, _) = body(BazaarAction::done("updated successfully").respond_to(&req));
        assert_eq!(
            got,
            json!({"status": "success", "message": "updated successfully", "data": ""})
        );
        let (status, got, _) = body(Ledger::new(201, json!({"Customer": {}})).respond_to(&req));
        assert_eq!(status, 201);
        assert_eq!(
            got,
            json!({"data": {"Customer": {}}, "success": true, "status": 201})
        );
        let (_, got, _) = body(
            Building {
                status: 200,
                data: 1,
            }
            .respond_to(&req),
        );
        assert_eq!(got, json!({"status": 200, "data": 1}));
    }

    #[test]
    fn lists_page_in_both_bazaar_shapes() {
        let req = TestRequest::default().to_http_request();
        let paging = Paging::from_query("page=2&per-page=10&x=1").unwrap();
        assert_eq!((paging.page, paging.per_page, paging.offset()), (2, 10, 10));
        let (_, got, headers) = body(
            YiiList::new(vec![1, 2], 21, paging, "/web/likes?page=2&per-page=10").respond_to(&req),
        );
        assert_eq!(
            got["_meta"],
            json!({"totalCount": 21, "pageCount": 3, "currentPage": 2, "perPage": 10})
        );
        assert_eq!(
            got["_links"]["self"]["href"],
            "/web/likes?per-page=10&page=2"
        );
        assert_eq!(
            got["_links"]["next"]["href"],
            "/web/likes?per-page=10&page=3"
        );
        assert_eq!(
            got["_links"]["last"]["href"],
            "/web/likes?per-page=10&page=3"
        );
        let header = |name| headers.get(name).map(|v| v.as_bytes().to_vec());
        assert_eq!(header("x-pagination-total-count"), Some(b"21".to_vec()));
        assert_eq!(header("x-pagination-page-count"), Some(b"3".to_vec()));
        let (_, got, _) = body(BazaarPage::new("ok", vec![1], 21, paging).respond_to(&req));
        assert_eq!(
            got,
            json!({"status": "success", "message": "ok", "totalCount": "21", "totalPages": 3,
                   "page": 2, "perPage": 10, "data": [1]})
        );
    }

    #[test]
    fn paging_parameters_are_bounded() {
        assert_eq!(
            Paging::from_query(""),
            Ok(Paging {
                page: 1,
                per_page: 20
            })
        );
        assert_eq!(
            Paging::from_query("pageSize=۵۰").map(|p| p.per_page),
            Ok(50)
        );
        assert_eq!(Paging::from_query("perPage=101"), Err("perPage"));
        assert_eq!(Paging::from_query("per-page=0"), Err("per-page"));
        assert_eq!(Paging::from_query("page=0"), Err("page"));
        assert_eq!(Paging::from_query("page=-1"), Err("page"));
        assert_eq!(Paging::from_query("page=99999999999999999999"), Err("page"));
    }
}
