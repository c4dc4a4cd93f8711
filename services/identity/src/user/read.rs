use super::user_reply;
use crate::auth::CurrentUser;
use actix_web::HttpResponse;

/// `GET /api/v1/user`.
pub async fn read(caller: CurrentUser) -> HttpResponse {
    user_reply(&caller.user)
}
