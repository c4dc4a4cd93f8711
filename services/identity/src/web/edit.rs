use super::rules::Rules;
use super::success;
use crate::auth::CurrentUser;
use crate::codes::Contact;
use crate::db::{self, users};
use crate::error::IdentityError;
use crate::openapi::{BazaarQuery, EditBody};
use crate::params::Params;
use crate::state::State;
use crate::user::change;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::fields::Text;
use platform_http::reply::BazaarAction;

/// Social profile fields: free text up to 255 characters.
const SOCIAL: [(&str, &str); 6] = [
    ("telegram", "Telegram"),
    ("twitter", "Twitter"),
    ("linkedin", "Linkedin"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("googleplus", "Googleplus"),
];

/// Edit profile (bazaar app)
///
/// `POST /web/user/edit` (seed 000, Edit Profile). `name` and `family` are
/// required (they are the panel's first and last name); every other field
/// is changed only when sent, and cleared when sent empty. A new `email`
/// becomes the account's once the code sent to it is confirmed.
#[utoipa::path(
    post,
    path = "/web/user/edit",
    operation_id = "editProfile",
    tag = "bazaar",
    params(BazaarQuery),
    request_body(content = EditBody, description = "A form, a JSON object, or the query string (the body wins)"),
    security(("bearer" = []), ("token" = [])),
    responses(
        (status = 200, description = "Saved", body = BazaarAction<String>),
        (status = 400, description = "A parameter that cannot be read", body = BazaarError),
        (status = 401, description = "`not login`: no valid token, or a `username` that is not the token's", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every message listed", body = BazaarError),
        (status = 429, description = "A change of e-mail was asked for too recently", body = BazaarError),
        (status = 503, description = "The code could not be mailed", body = BazaarError),
    )
)]
pub async fn edit(
    caller: CurrentUser,
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let mut rules = Rules::new(&params);
    let mut changes = users::Changes {
        first_name: rules.required("name", "Name", 3, 64).map(Some),
        last_name: rules.required("family", "Family", 3, 64).map(Some),
        phone: rules.phone("phone", "Phone"),
        state: rules.id("state", "State"),
        city: rules.id("city", "City"),
        hood: rules.id("hood", "Hood"),
        address: rules.string("address", "Address", 5, 255),
        age: rules.integer("age", "Age", 1, 150),
        gender: rules.one_of("gender", "Gender", &["male", "female"]),
        website: rules.url("website", "Website", 255),
        avatar: rules.string("avatar", "Avatar", 1, 255),
        ..Default::default()
    };
    let [telegram, twitter, linkedin, facebook, instagram, googleplus] =
        SOCIAL.map(|(field, label)| rules.string(field, label, 1, 255));
    changes.telegram = telegram;
    changes.twitter = twitter;
    changes.linkedin = linkedin;
    changes.facebook = facebook;
    changes.instagram = instagram;
    changes.googleplus = googleplus;
    let email = rules.email("email", "Email");
    let mut problems = rules.problems;
    let user = caller.user;
    if let Some(Some(address)) = email.clone() {
        let id = user.id;
        let taken = state
            .db
            .run(move |conn| users::email_taken(conn, &address, id).map_err(IdentityError::from))
            .await?;
        if taken {
            // listed with the other problems, as the app shows them together
            problems.add(
                "email",
                Text::new(
                    "این ایمیل قبلا ثبت شده است",
                    "This email address has already been taken.",
                ),
            );
        }
    }
    if !problems.is_empty() {
        return Err(IdentityError::Invalid(problems));
    }
    match email {
        // a new address waits for its code (`/web/user/confirm-email`)
        Some(Some(address)) if user.email.as_deref() != Some(address.as_str()) => {
            change::request(&state, &req, &user, Contact::Email, address).await?
        }
        Some(Some(_)) => changes.pending_email = Some(None),
        // sent empty: no address at all
        Some(None) => {
            changes.email = Some(None);
            changes.pending_email = Some(None);
        }
        None => {}
    }
    changes.changed = Some(db::now());
    let id = user.id;
    state
        .db
        .run(move |conn| users::update(conn, id, &changes).map_err(IdentityError::from))
        .await?;
    Ok(success("updated successfully"))
}
