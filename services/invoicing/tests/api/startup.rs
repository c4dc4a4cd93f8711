//! A bad setting stops start-up with a message naming the key.

use invoicing::{Application, Settings};
use platform_testkit::{TestDb, ANY_PORT};

async fn start(settings: Settings) -> String {
    match Application::build(settings).await {
        Ok(_) => panic!("started with a bad setting"),
        Err(e) => e.to_string(),
    }
}

#[actix_web::test]
async fn bad_settings_name_their_key() {
    let db = TestDb::new();
    let good = || Settings {
        listen: ANY_PORT.into(),
        database_url: db.url.clone(),
        ..Settings::default()
    };
    let err = start(Settings {
        database_url: "mysql://db/x".into(),
        ..good()
    })
    .await;
    assert!(err.starts_with("database_url"), "{err}");
    let err = start(Settings {
        listen: "not-an-address".into(),
        ..good()
    })
    .await;
    assert!(err.starts_with("listen"), "{err}");
    let err = start(Settings {
        jwks_url: "".into(),
        ..good()
    })
    .await;
    assert!(err.starts_with("jwks_url"), "{err}");

    // a port in use
    let taken = std::net::TcpListener::bind(ANY_PORT).unwrap();
    let err = start(Settings {
        listen: taken.local_addr().unwrap().to_string(),
        ..good()
    })
    .await;
    assert!(err.starts_with("listen"), "{err}");

    // a database that does not answer
    let err = start(Settings {
        database_url: "postgres://nobody@127.0.0.1:1/none".into(),
        ..good()
    })
    .await;
    assert!(err.starts_with("database_url"), "{err}");

    // and the good settings do start, on a free port, twice in a row with
    // the migrations already applied
    for _ in 0..2 {
        let app = Application::build(good()).await.expect("starts");
        assert_ne!(app.port(), 0);
    }
}
