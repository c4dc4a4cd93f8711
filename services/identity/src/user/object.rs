use crate::db::users::User;
use actix_web::HttpResponse;
use serde::Serialize;
use serde_json::{json, Value};

/// `{"status":200,"user":{...}}`, the answer of every profile route.
#[derive(Serialize)]
struct UserReply {
    status: u16,
    user: Value,
}

pub fn user_reply(user: &User) -> HttpResponse {
    HttpResponse::Ok().json(UserReply {
        status: 200,
        user: user_object(user),
    })
}

/// The seed's user object. Fields of the original panel that this platform
/// does not keep are null; the wallet fields (`balance`, `custom_rate`,
/// `spent`, `api_key`) belong to the smm service and stay null until it
/// exists. A changed mobile shows with `mobile_verified: 0` until its code
/// is confirmed; `email` is the confirmed address and `pending_email` (an
/// addition) one waiting for its code. `profile` (an addition) carries the
/// bazaar app's fields.
pub fn user_object(user: &User) -> Value {
    let (mobile, verified) = match &user.pending_mobile {
        Some(pending) => (pending, 0),
        None => (&user.mobile, 1),
    };
    json!({
        "id": user.id,
        "ids": null,
        "role": user.role,
        "login_type": null,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "pending_email": user.pending_email,
        "mobile": mobile,
        "mobile_verified": verified,
        "timezone": null,
        "more_information": null,
        "settings": null,
        "desc": null,
        "balance": null,
        "custom_rate": null,
        "api_key": null,
        "spent": null,
        "activation_key": null,
        "reset_key": null,
        "history_ip": null,
        "status": user.status,
        "changed": user.changed,
        "created": user.created,
        "profile": {
            "phone": user.phone,
            "state": user.state,
            "city": user.city,
            "hood": user.hood,
            "address": user.address,
            "age": user.age,
            "gender": user.gender,
            "telegram": user.telegram,
            "twitter": user.twitter,
            "linkedin": user.linkedin,
            "facebook": user.facebook,
            "instagram": user.instagram,
            "googleplus": user.googleplus,
            "website": user.website,
            "avatar": user.avatar,
        },
    })
}

/// `09121234402` → `0912****402`, for other services showing a user.
pub fn masked_mobile(mobile: &str) -> String {
    let chars: Vec<char> = mobile.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_the_middle() {
        assert_eq!(super::masked_mobile("09121234402"), "0912****402");
        assert_eq!(super::masked_mobile("123"), "***");
    }
}
