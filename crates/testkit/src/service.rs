//! Settings for a service under test: a free port, its own database, the
//! stand-in identity, the internal credential, and Redis when
//! `TEST_REDIS_URL` is set.

use crate::identity::{StandInIdentity, INTERNAL_SECRET};
use crate::{TestDb, ANY_PORT};
use platform_service::ServiceSettings;
use platform_settings::Secret;

/// `S`'s defaults, pointed at `db` and `identity`, after `tune`.
pub fn settings<S: ServiceSettings>(
    db: &TestDb,
    identity: &StandInIdentity,
    tune: impl FnOnce(&mut S),
) -> S {
    let mut settings = S::default();
    let common = settings.common_mut();
    common.listen = ANY_PORT.into();
    common.database_url = db.url.clone();
    common.workers = 1;
    common.max_connections = 3;
    common.jwks_url = identity.jwks_url();
    common.revocations_url = Some(identity.revocations_url());
    common.internal_secret = Some(Secret::new(INTERNAL_SECRET));
    common.redis_url = crate::redis_url_if_set();
    tune(&mut settings);
    settings
}
