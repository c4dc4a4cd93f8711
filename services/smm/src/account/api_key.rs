use crate::schema::wallets as w;
use crate::wallet;
use crate::{caller, SmmError};
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiKeyBody {
    /// The whole key, shown this once.
    api_key: String,
}

/// Create or rotate the reseller API key
///
/// An addition: the key for `/api/v2` (the reseller API), shown whole only
/// in this answer and stored hashed; a new key replaces the old one at
/// once. The profile shows it masked.
#[utoipa::path(
    post,
    path = "/api/v1/user/api_key",
    operation_id = "rotateApiKey",
    tag = "reseller",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new key", body = Panel<ApiKeyBody>),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn rotate(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<Panel<ApiKeyBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let mut bytes = [0u8; 20];
    rand::thread_rng().fill_bytes(&mut bytes);
    let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let (hash, hint) = (hash(&key), mask(&key));
    let now = caller::now();
    db.run(move |conn| -> Result<(), SmmError> {
        conn.write_transaction(|c| {
            wallet::ensure(c, user_id, now)?;
            diesel::update(w::table.find(user_id))
                .set((
                    w::api_key_hash.eq(hash),
                    w::api_key_hint.eq(hint),
                    w::changed.eq(now),
                ))
                .execute(c)?;
            Ok(())
        })
    })
    .await?;
    Ok(Panel::new(201, ApiKeyBody { api_key: key }))
}

/// How keys are stored and looked up.
pub fn hash(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The first six characters and an ellipsis.
fn mask(key: &str) -> String {
    format!("{}…", key.chars().take(6).collect::<String>())
}
