//! What the OpenAPI documents say of every dialect's error body: the shapes
//! `Dialect::error_body` writes, as schemas (`utoipa`).

use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The ledger dialect's error (invoicing): `errors` maps each refused
/// field to all of its messages, `{}` when no field is at fault.
#[derive(ToSchema)]
#[schema(as = LedgerError)]
pub struct LedgerError {
    /// Always `false`.
    pub success: bool,
    /// The status line's number.
    pub status: u16,
    pub message: String,
    pub errors: BTreeMap<String, Vec<String>>,
}

/// The panel dialect's error (identity's `/api/v1`, smm): `errors` where
/// fields are at fault.
#[derive(ToSchema)]
#[schema(as = PanelError)]
pub struct PanelError {
    /// The status line's number.
    pub status: u16,
    pub message: String,
    #[schema(nullable = false)]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

/// The bazaar dialect's error (seed 000): `data` is `""`, or the list of
/// messages of a failed validation.
#[derive(ToSchema)]
#[schema(as = BazaarError)]
pub struct BazaarError {
    /// Always `error`.
    #[schema(example = "error")]
    pub status: String,
    pub message: String,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}
