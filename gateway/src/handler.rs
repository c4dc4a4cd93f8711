use crate::proxy::{self, Forward, ProxyError};
use crate::ratelimit::Decision;
use crate::routes::{self, Route};
use crate::settings::AuthMode;
use crate::upstream::Pool;
use crate::Gateway;
use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use platform_auth::{ambiguous_authorization, bearer_token, AuthError, Claims};
use platform_http::extract::message_for;
use platform_http::metrics::RouteLabel;
use platform_http::{Dialect, Lang, RequestId};
use std::sync::Arc;

/// Every request that is not the gateway's own (`/healthz`, `/readyz`,
/// `/metrics`): route, authenticate, rate-limit, proxy.
pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    gw: web::Data<Gateway>,
) -> HttpResponse {
    let lang = Lang::of(&req);
    let not_found = || error(Dialect::Panel, StatusCode::NOT_FOUND, lang);
    let Some(path) = routes::canonical(req.uri().path()) else {
        return not_found();
    };
    if routes::is_internal(&path) {
        return not_found();
    }
    let Some(route) = gw.routes.find(&path) else {
        return not_found();
    };
    req.extensions_mut().insert(RouteLabel(route.label.clone()));
    let peer = req
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or([127, 0, 0, 1].into());
    let client_ip = gw.proxies.client_of(&req).unwrap_or(peer);

    if route.auth != AuthMode::Public && ambiguous_authorization(&req) {
        // which of two credentials counts is not the client's to decide
        gw.metrics
            .auth_rejections
            .with_label_values(&["ambiguous"])
            .inc();
        return unauthorized(route.dialect, lang);
    }
    let (token, from_query) = find_token(&req, route);
    let claims = match (route.auth, token.as_deref()) {
        (AuthMode::Public, _) => None,
        (AuthMode::Required, None) => {
            gw.metrics
                .auth_rejections
                .with_label_values(&["missing"])
                .inc();
            return unauthorized(route.dialect, lang);
        }
        (_, None) => None,
        (_, Some(token)) => match authenticate(&gw, token).await {
            Ok(claims) => Some(claims),
            Err(e) if e.is_unavailable() => {
                log::error!("cannot verify tokens: {e}");
                return error(route.dialect, StatusCode::SERVICE_UNAVAILABLE, lang);
            }
            Err(e) => {
                let reason = match e {
                    AuthError::Revoked => "revoked",
                    AuthError::Invalid(_) => "invalid",
                    _ => "malformed",
                };
                gw.metrics
                    .auth_rejections
                    .with_label_values(&[reason])
                    .inc();
                log::debug!("token refused: {e}");
                return unauthorized(route.dialect, lang);
            }
        },
    };

    let decision = match &route.policy {
        None => None,
        Some((name, policy)) => {
            let key = match &claims {
                Some(c) => format!("u:{}", c.sub),
                None => format!("ip:{client_ip}"),
            };
            match gw.limiter.check(name, policy, &key).await {
                Ok(d) if d.allowed => Some(d),
                Ok(d) => {
                    let mut res = error(route.dialect, StatusCode::TOO_MANY_REQUESTS, lang);
                    add_rate_headers(&mut res, &d);
                    return res;
                }
                Err(_) => return error(route.dialect, StatusCode::SERVICE_UNAVAILABLE, lang),
            }
        }
    };

    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > route.max_body_bytes) {
        return error(route.dialect, StatusCode::PAYLOAD_TOO_LARGE, lang);
    }

    if route.websocket {
        let (Some(claims), Some(token)) = (claims, token.as_deref()) else {
            return unauthorized(route.dialect, lang);
        };
        let query = proxy::filter_query(req.query_string(), from_query);
        let handshake = crate::websocket::Handshake {
            claims,
            token,
            client_ip,
            query: &query,
        };
        return crate::websocket::relay(&req, payload, route, &gw, handshake).await;
    }

    let request_id = req
        .extensions()
        .get::<RequestId>()
        .and_then(|id| http::HeaderValue::from_str(&id.0).ok());
    let forwarded_token = claims.as_ref().and(token.as_deref());
    let fwd = Forward {
        client_ip,
        peer_trusted: gw.proxies.is_trusted(peer),
        request_id,
        bearer: forwarded_token,
        drop_query_param: if claims.is_some() { from_query } else { None },
    };
    let Some(pool) = req.app_data::<Pool>() else {
        log::error!("this worker has no upstream pool");
        return error(route.dialect, StatusCode::INTERNAL_SERVER_ERROR, lang);
    };
    let mut res = match proxy::forward(&req, payload, route, pool, fwd).await {
        Ok(res) => res,
        Err(e) => upstream_failed(&gw, route, e, lang),
    };
    if let Some(d) = decision {
        add_rate_headers(&mut res, &d);
    }
    res
}

/// The token from `Authorization: Bearer`, else from the route's query
/// parameter (on WebSocket routes also `access_token`: browsers cannot set
/// headers on a socket); and the query parameter it came from.
fn find_token<'r>(req: &HttpRequest, route: &'r Route) -> (Option<String>, Option<&'r str>) {
    if let Some(token) = bearer_token(req) {
        return (Some(token.to_string()), None);
    }
    let Some(param) = route.token_param.as_deref() else {
        return (None, None);
    };
    let params: &[&'r str] = if route.websocket {
        &[param, "access_token"]
    } else {
        &[param]
    };
    let query = web::Query::<Vec<(String, String)>>::from_query(req.query_string()).ok();
    for &name in params {
        let token = query
            .as_ref()
            .and_then(|q| q.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
            .filter(|v| !v.is_empty());
        if token.is_some() {
            return (token, Some(name));
        }
    }
    (None, None)
}

async fn authenticate(gw: &Gateway, token: &str) -> Result<Arc<Claims>, AuthError> {
    let claims = gw.verifier.verify(token).await?;
    match gw.revocations.is_revoked(&claims).await {
        Ok(false) => Ok(claims),
        Ok(true) => Err(AuthError::Revoked),
        Err(e) => Err(AuthError::KeysUnavailable(e)),
    }
}

fn upstream_failed(gw: &Gateway, route: &Route, e: ProxyError, lang: Lang) -> HttpResponse {
    let (status, kind) = match &e {
        ProxyError::Unreachable(_) => (StatusCode::BAD_GATEWAY, "unreachable"),
        ProxyError::Broken(_) => (StatusCode::BAD_GATEWAY, "broken"),
        ProxyError::Timeout => (StatusCode::GATEWAY_TIMEOUT, "timeout"),
        ProxyError::TooLarge => return error(route.dialect, StatusCode::PAYLOAD_TOO_LARGE, lang),
    };
    gw.metrics
        .upstream_failures
        .with_label_values(&[&route.upstream_name, kind])
        .inc();
    log::warn!("upstream {} failed: {e}", route.upstream_name);
    error(route.dialect, status, lang)
}

fn error(dialect: Dialect, status: StatusCode, lang: Lang) -> HttpResponse {
    dialect.error(status, message_for(dialect, status, lang), None)
}

fn unauthorized(dialect: Dialect, lang: Lang) -> HttpResponse {
    let mut res = error(dialect, StatusCode::UNAUTHORIZED, lang);
    res.headers_mut().insert(
        actix_web::http::header::WWW_AUTHENTICATE,
        actix_web::http::header::HeaderValue::from_static("Bearer"),
    );
    res
}

fn add_rate_headers(res: &mut HttpResponse, d: &Decision) {
    use actix_web::http::header::{HeaderName, HeaderValue};
    let mut set = |name: &'static str, value: u64| {
        res.headers_mut()
            .insert(HeaderName::from_static(name), HeaderValue::from(value));
    };
    set("ratelimit-limit", u64::from(d.limit));
    set("ratelimit-remaining", u64::from(d.remaining));
    set("ratelimit-reset", d.reset_secs);
    if !d.allowed {
        set("retry-after", d.retry_after_secs);
    }
}
