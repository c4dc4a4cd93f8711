//! A bad setting stops start-up with a message naming the key.

use invoicing::{Application, Settings};
use platform_testkit::{service, StandInIdentity, TestDb, ANY_PORT};

async fn start(settings: Settings) -> String {
    match Application::build(settings).await {
        Ok(_) => panic!("started with a bad setting"),
        Err(e) => e.to_string(),
    }
}

#[actix_web::test]
async fn bad_settings_name_their_key() {
    let db = TestDb::new();
    let identity = StandInIdentity::start().await;
    let good = || service::settings::<Settings>(&db, &identity, |_| {});
    let with = |spoil: &dyn Fn(&mut Settings)| {
        let mut settings = good();
        spoil(&mut settings);
        settings
    };
    let err = start(with(&|s| s.common.database_url = "mysql://db/x".into())).await;
    assert!(err.starts_with("database_url"), "{err}");
    let err = start(with(&|s| s.common.listen = "not-an-address".into())).await;
    assert!(err.starts_with("listen"), "{err}");
    let err = start(with(&|s| s.common.jwks_url = String::new())).await;
    assert!(err.starts_with("jwks_url"), "{err}");
    let err = start(with(&|s| {
        s.common.internal_secret = Some(platform_settings::Secret::new("short"))
    }))
    .await;
    assert!(err.starts_with("internal_secret"), "{err}");

    // a port in use
    let taken = std::net::TcpListener::bind(ANY_PORT).unwrap();
    let taken_at = taken.local_addr().unwrap().to_string();
    let err = start(with(&|s| s.common.listen = taken_at.clone())).await;
    assert!(err.starts_with("listen"), "{err}");

    // a database that does not answer
    let err = start(with(&|s| {
        s.common.database_url = "postgres://nobody@127.0.0.1:1/none".into()
    }))
    .await;
    assert!(err.starts_with("database_url"), "{err}");

    // and the good settings do start, on a free port, twice in a row with
    // the migrations already applied
    for _ in 0..2 {
        let app = Application::build(good()).await.expect("starts");
        assert_ne!(app.port(), 0);
    }
}
