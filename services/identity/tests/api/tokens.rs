use crate::helpers::spawn;
use platform_auth::{JwksVerifier, VerifierOptions};
use serde_json::Value;

fn kid_of(token: &str) -> String {
    jsonwebtoken::decode_header(token).unwrap().kid.unwrap()
}

#[tokio::test]
async fn tokens_verify_against_the_published_jwks() {
    let app = spawn().await;
    let token = app.token_for("09120000070").await;
    let (status, jwks) = app.get("/.well-known/jwks.json", None).await;
    assert_eq!(status, 200);
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["alg"], "EdDSA");
    assert!(keys[0].get("d").is_none(), "no private part in a JWKS");
    assert_eq!(keys[0]["kid"], kid_of(&token));

    // the way the gateway and other services check it
    let verifier = JwksVerifier::new(
        app.url("/.well-known/jwks.json"),
        VerifierOptions::default(),
    );
    let claims = verifier.verify(&token).await.unwrap();
    let (_, me) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(claims.sub, me["user"]["id"].as_i64().unwrap().to_string());
    assert_eq!(claims.role, "user");
    assert!(!claims.jti.is_empty());
    assert!(claims.exp - claims.iat == app.settings.token_lifetime_secs);
}

#[tokio::test]
async fn a_new_key_signs_while_tokens_of_the_old_one_keep_working() {
    let app = spawn().await;
    let old_token = app.token_for("09120000071").await;
    let old_kid = kid_of(&old_token);

    // rotation: a new key file whose name sorts after the generated one
    let new_key = platform_auth::SigningKey::generate();
    std::fs::write(
        app.keys.path().join("ed25519-999999999999.der"),
        new_key.pkcs8(),
    )
    .unwrap();
    let app = app.restart(|s| s.code.resend_cooldown_secs = 0).await;

    let (_, jwks) = app.get("/.well-known/jwks.json", None).await;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert!(
        kids.contains(&old_kid.as_str()) && kids.contains(&new_key.kid()),
        "{kids:?}"
    );

    let (status, _) = app.get("/api/v1/user", Some(&old_token)).await;
    assert_eq!(status, 200, "a token of the previous key still verifies");
    app.login("09120000072").await;
    let code = app.code_for("09120000072").await;
    let (_, body) = app.verify("09120000072", &code).await;
    let new_token = body["access_token"].as_str().unwrap();
    assert_eq!(kid_of(new_token), new_key.kid());

    // pinning the active key by kid
    let app = app.restart(|s| s.active_kid = Some(old_kid.clone())).await;
    app.login("09120000073").await;
    let code = app.code_for("09120000073").await;
    let (_, body) = app.verify("09120000073", &code).await;
    assert_eq!(kid_of(body["access_token"].as_str().unwrap()), old_kid);

    // once the old key is dropped, its tokens stop verifying
    for entry in std::fs::read_dir(app.keys.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "ed25519-999999999999.der"
            && path.extension().is_some_and(|x| x == "der")
        {
            std::fs::remove_file(path).unwrap();
        }
    }
    let app = app.restart(|s| s.active_kid = None).await;
    assert_eq!(app.get("/api/v1/user", Some(&old_token)).await.0, 401);
    assert_eq!(app.get("/api/v1/user", Some(new_token)).await.0, 200);
}

#[tokio::test]
async fn tokens_survive_a_restart() {
    let app = spawn().await;
    let token = app.token_for("09120000074").await;
    let app = app.restart(|_| {}).await;
    assert_eq!(app.get("/api/v1/user", Some(&token)).await.0, 200);
}

#[tokio::test]
async fn logout_revokes_the_token_and_lists_it_for_the_gateways() {
    let app = spawn().await;
    let token = app.token_for("09120000075").await;
    let other = app.token_for("09120000076").await;
    let claims = JwksVerifier::new(
        app.url("/.well-known/jwks.json"),
        VerifierOptions::default(),
    )
    .verify(&token)
    .await
    .unwrap();

    let (status, body) = app.internal("/internal/revocations?after=0").await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        serde_json::json!({"revocations": [], "last": 0, "newest": 0})
    );

    let (status, body) = app.get("/api/v1/logout", Some(&token)).await;
    assert_eq!(
        (status, body),
        (
            200,
            serde_json::json!({"message": "با موفقیت خارج شدید", "status": 200})
        )
    );
    // identity itself refuses it from now on
    assert_eq!(app.get("/api/v1/user", Some(&token)).await.0, 401);
    assert_eq!(app.get("/api/v1/logout", Some(&token)).await.0, 401);
    assert_eq!(app.get("/api/v1/user", Some(&other)).await.0, 200);

    let (_, body) = app.internal("/internal/revocations?after=0").await;
    let list = body["revocations"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["jti"], claims.jti);
    assert_eq!(list[0]["exp"], claims.exp);
    let seq = list[0]["seq"].as_i64().unwrap();
    assert_eq!(body["last"], seq);
    assert_eq!(body["newest"], seq);
    let (_, body) = app
        .internal(&format!("/internal/revocations?after={seq}"))
        .await;
    assert_eq!(
        body,
        serde_json::json!({"revocations": [], "last": seq, "newest": seq})
    );
    // a poller whose cursor is ahead (it read another database's feed) sees
    // `newest` below its cursor, its sign to read from the start
    let (_, body) = app
        .internal(&format!("/internal/revocations?after={}", seq + 50))
        .await;
    assert_eq!(body["newest"], seq);

    let (_, body) = app
        .internal(&format!("/internal/revocations/{}", claims.jti))
        .await;
    assert_eq!(body, serde_json::json!({"revoked": true}));
    let (_, body) = app.internal("/internal/revocations/some-other-jti").await;
    assert_eq!(body, serde_json::json!({"revoked": false}));

    // the second logout comes later in seq order
    app.get("/api/v1/logout", Some(&other)).await;
    let (_, body) = app
        .internal(&format!("/internal/revocations?after={seq}"))
        .await;
    let list: &Vec<Value> = body["revocations"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0]["seq"].as_i64().unwrap() > seq);
}

#[tokio::test]
async fn concurrent_logouts_are_listed_in_commit_order() {
    let app = spawn().await;
    let mut tokens = Vec::new();
    for i in 0..6 {
        tokens.push(app.token_for(&format!("0912000008{i}")).await);
    }
    let logouts = tokens.iter().map(|t| app.get("/api/v1/logout", Some(t)));
    for (status, _) in futures_util::future::join_all(logouts).await {
        assert_eq!(status, 200);
    }
    let (_, body) = app.internal("/internal/revocations?after=0").await;
    let seqs: Vec<i64> = body["revocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs.len(), 6);
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
}

/// Issue 9, item 4: identity judges its own tokens by the clock every
/// component shares, and a request with two `Authorization` headers has no
/// credential.
#[tokio::test]
async fn tokens_from_the_future_or_just_expired_and_doubled_headers_are_refused() {
    let app = spawn().await;
    let good = app.token_for("09120000072").await;
    let der = std::fs::read_dir(app.keys.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "der"))
        .unwrap();
    let key = platform_auth::SigningKey::from_pkcs8(&std::fs::read(der).unwrap()).unwrap();
    let (_, me) = app.get("/api/v1/user", Some(&good)).await;
    let sub = me["user"]["id"].to_string();
    let timed = |shift: fn(&mut platform_auth::Claims)| {
        let mut claims = platform_auth::Claims::new(sub.clone(), "user", 3600);
        shift(&mut claims);
        key.sign(&claims)
    };
    let fine = timed(|_| {});
    assert_eq!(app.get("/api/v1/user", Some(&fine)).await.0, 200);
    for refused in [
        timed(|c| {
            c.iat += 3600;
            c.exp += 3600;
        }),
        timed(|c| c.exp = c.iat - 10),
        timed(|c| c.nbf = Some(c.iat + 10)),
    ] {
        assert_eq!(app.get("/api/v1/user", Some(&refused)).await.0, 401);
    }
    let res = app
        .http
        .get(app.url("/api/v1/user"))
        .header("authorization", format!("Bearer {good}"))
        .header("authorization", format!("Bearer {good}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

/// Issue 10, item 11: the mobiles in `admins` log in with the role `admin`;
/// everyone else stays `user`.
#[tokio::test]
async fn operators_listed_in_admins_get_the_admin_role() {
    let app = crate::helpers::spawn_with(|s| s.admins = vec!["۰۹۱۲۰۰۰۰۰۹۰".into()]).await;
    let verifier = JwksVerifier::new(
        app.url("/.well-known/jwks.json"),
        VerifierOptions::default(),
    );
    let operator = app.token_for("09120000090").await;
    let user = app.token_for("09120000091").await;
    let claims = verifier.verify(&operator).await.unwrap();
    assert_eq!(claims.role, "admin");
    assert_eq!(claims.username.as_deref(), Some("09120000090"));
    assert_eq!(verifier.verify(&user).await.unwrap().role, "user");
}
