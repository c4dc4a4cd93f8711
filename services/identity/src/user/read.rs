use super::user_object;
use crate::auth::CurrentUser;
use actix_web::HttpResponse;
use serde_json::json;

/// `GET /api/v1/user`.
pub async fn read(caller: CurrentUser) -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": 200, "user": user_object(&caller.user)}))
}
