use crate::db::users::User;
use crate::state::State;
use crate::wallet::Wallet;
use platform_http::docs::always_null;
use platform_http::reply::Panel;
use serde::Serialize;
use serde_json::Number;

/// `{"status":200,"user":{...}}`, the answer of every profile route.
#[derive(Serialize, utoipa::ToSchema)]
pub struct UserBody {
    user: UserObject,
}

/// The reply with `user`'s wallet fields from smm (`crate::wallet`), which
/// never fails it: without smm they are the last known values or null.
pub async fn user_reply(state: &State, user: &User) -> Panel<UserBody> {
    let wallet = state.wallets.of(user.id).await;
    Panel::new(
        200,
        UserBody {
            user: user_object(user, wallet),
        },
    )
}

/// Always `null`: fields of the original panel this platform does not keep.
type Unkept = Option<()>;

/// The seed's user object. Fields of the original panel that this platform
/// does not keep are null. The wallet fields (`balance`, `custom_rate`,
/// `spent`, `api_key`) come from the smm service: while smm does not
/// answer, they are the last values it gave, and null when identity has no
/// `smm_url` or smm never answered for this user. A changed mobile shows
/// with `mobile_verified: 0` until its code is confirmed; `email` is the
/// confirmed address and `pending_email` (an addition) one waiting for its
/// code. `profile` (an addition) carries the bazaar app's fields.
#[derive(Serialize, utoipa::ToSchema)]
pub struct UserObject {
    id: i64,
    #[schema(schema_with = always_null)]
    ids: Unkept,
    role: String,
    #[schema(schema_with = always_null)]
    login_type: Unkept,
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    pending_email: Option<String>,
    mobile: String,
    mobile_verified: u8,
    #[schema(schema_with = always_null)]
    timezone: Unkept,
    #[schema(schema_with = always_null)]
    more_information: Unkept,
    #[schema(schema_with = always_null)]
    settings: Unkept,
    #[schema(schema_with = always_null)]
    desc: Unkept,
    // required: always present, as in the seed, even when null
    /// Toman, up to 3 decimals.
    #[schema(value_type = Option<f64>, required = true, example = 352)]
    balance: Option<Number>,
    /// Percent off every charge.
    #[schema(required = true, example = 0)]
    custom_rate: Option<i64>,
    /// The reseller API key, masked.
    #[schema(required = true)]
    api_key: Option<String>,
    /// Toman charged less refunds, up to 3 decimals.
    #[schema(value_type = Option<f64>, required = true, example = 1200.5)]
    spent: Option<Number>,
    #[schema(schema_with = always_null)]
    activation_key: Unkept,
    #[schema(schema_with = always_null)]
    reset_key: Unkept,
    #[schema(schema_with = always_null)]
    history_ip: Unkept,
    status: i32,
    changed: i64,
    created: i64,
    profile: Profile,
}

/// The bazaar app's profile fields.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Profile {
    phone: Option<String>,
    state: Option<i64>,
    city: Option<i64>,
    hood: Option<i64>,
    address: Option<String>,
    age: Option<i32>,
    gender: Option<String>,
    telegram: Option<String>,
    twitter: Option<String>,
    linkedin: Option<String>,
    facebook: Option<String>,
    instagram: Option<String>,
    googleplus: Option<String>,
    website: Option<String>,
    avatar: Option<String>,
}

pub fn user_object(user: &User, wallet: Option<Wallet>) -> UserObject {
    let (mobile, verified) = match &user.pending_mobile {
        Some(pending) => (pending.clone(), 0),
        None => (user.mobile.clone(), 1),
    };
    let u = user.clone();
    let (balance, spent, custom_rate, api_key) = match wallet {
        Some(w) => (
            Some(w.balance),
            Some(w.spent),
            Some(w.custom_rate),
            w.api_key,
        ),
        None => (None, None, None, None),
    };
    UserObject {
        id: u.id,
        ids: None,
        role: u.role,
        login_type: None,
        first_name: u.first_name,
        last_name: u.last_name,
        email: u.email,
        pending_email: u.pending_email,
        mobile,
        mobile_verified: verified,
        timezone: None,
        more_information: None,
        settings: None,
        desc: None,
        balance,
        custom_rate,
        api_key,
        spent,
        activation_key: None,
        reset_key: None,
        history_ip: None,
        status: u.status,
        changed: u.changed,
        created: u.created,
        profile: Profile {
            phone: u.phone,
            state: u.state,
            city: u.city,
            hood: u.hood,
            address: u.address,
            age: u.age,
            gender: u.gender,
            telegram: u.telegram,
            twitter: u.twitter,
            linkedin: u.linkedin,
            facebook: u.facebook,
            instagram: u.instagram,
            googleplus: u.googleplus,
            website: u.website,
            avatar: u.avatar,
        },
    }
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
