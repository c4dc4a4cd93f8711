use super::params::Params;
use super::rules::Rules;
use super::success;
use crate::auth::CurrentUser;
use crate::db::{self, users};
use crate::error::{IdentityError, Problem};
use crate::state::State;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::result::{DatabaseErrorKind, Error};

/// Social profile fields: free text up to 255 characters.
const SOCIAL: [(&str, &str); 6] = [
    ("telegram", "Telegram"),
    ("twitter", "Twitter"),
    ("linkedin", "Linkedin"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("googleplus", "Googleplus"),
];

const TAKEN: &str = "This email address has already been taken.";

/// `POST /web/user/edit` (seed 000, Edit Profile). `name` and `family` are
/// required (they are the panel's first and last name); every other field
/// is changed only when sent, and cleared when sent empty.
pub async fn edit(
    caller: CurrentUser,
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, IdentityError> {
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
    let social: Vec<_> = SOCIAL
        .iter()
        .map(|(field, label)| rules.string(field, label, 1, 255))
        .collect();
    let [telegram, twitter, linkedin, facebook, instagram, googleplus]: [_; 6] =
        social.try_into().expect("six social fields");
    changes.telegram = telegram;
    changes.twitter = twitter;
    changes.linkedin = linkedin;
    changes.facebook = facebook;
    changes.instagram = instagram;
    changes.googleplus = googleplus;
    let email = rules.email("email", "Email");
    let mut problems = rules.problems;

    let id = caller.user.id;
    if let Some(Some(address)) = email.clone() {
        let taken = state
            .db
            .run(move |conn| users::email_taken(conn, &address, id).map_err(IdentityError::from))
            .await?;
        if taken {
            problems.push(Problem {
                field: "email",
                message: TAKEN.into(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(IdentityError::Invalid(problems));
    }
    changes.email = email;
    changes.changed = Some(db::now());
    state
        .db
        .run(move |conn| match users::update(conn, id, &changes) {
            Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                Err(IdentityError::Taken("email"))
            }
            other => other.map(|_| ()).map_err(IdentityError::from),
        })
        .await?;
    Ok(success("updated successfully"))
}
