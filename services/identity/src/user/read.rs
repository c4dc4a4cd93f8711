use super::object::UserBody;
use super::user_reply;
use crate::auth::CurrentUser;
use platform_http::reply::Panel;

/// `GET /api/v1/user`.
pub async fn read(caller: CurrentUser) -> Panel<UserBody> {
    user_reply(&caller.user)
}
