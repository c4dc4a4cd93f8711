//! Service errors answered in the request's dialect and language.
//!
//! A service's error is mostly made far from the request (a `From<DbError>`,
//! a validation helper), and `ResponseError::error_response` never sees the
//! request. So the error renders once in the defaults, and this middleware,
//! which sees the routed request, renders it again in the scope's `Dialect`
//! and the `Accept-Language` asked for. The error stays attached to the
//! response for the access and error logs.

use crate::{Dialect, Lang};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, ResponseError};

/// An error that can answer in any dialect and language.
pub trait Localized: ResponseError + 'static {
    fn render(&self, dialect: Dialect, lang: Lang) -> HttpResponse;
}

/// `App::wrap(from_fn(localized::<MyError>))`, inside `observe`. The
/// dialect is the routed scope's (or app's) `app_data::<Dialect>()`.
pub async fn localized<E: Localized>(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let rendered = {
        let Some(error) = res.response().error().and_then(|e| e.as_error::<E>()) else {
            return Ok(res);
        };
        let request = res.request();
        let dialect = request
            .app_data::<Dialect>()
            .copied()
            .unwrap_or(Dialect::Panel);
        error.render(dialect, Lang::of(request))
    };
    let (head, body) = rendered.into_parts();
    let (status, mut headers) = (head.status(), head.headers().clone());
    headers.remove(header::CONTENT_LENGTH);
    Ok(res.map_body(|h, _| {
        h.status = status;
        h.headers = headers;
        body
    }))
}
