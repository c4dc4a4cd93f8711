//! Bad input on every route is a 4xx in the bazaar dialect, never a 5xx:
//! unknown targets and types, non-numeric ids, missing fields, NUL, a
//! 1 MB text, another user's `username`, no token.

use crate::helpers::{mobile, send, spawn_app};
use reqwest::Method;

const POSTS: [&str; 17] = [
    "/web/user/add-comment",
    "/web/user/add-like",
    "/web/user/add-dislike",
    "/web/user/add-favorite",
    "/web/user/add-view",
    "/web/user/add-notification",
    "/web/user/delete-like",
    "/web/user/delete-dislike",
    "/web/user/delete-favorite",
    "/web/user/delete-notification",
    "/web/user/read-offer",
    "/web/user/submit-store-message",
    "/web/user/is-true",
    "/web/store-manager/answer-store-message",
    "/web/store-manager/send-offer",
    "/web/store-manager/send-broadcast",
    "/web/admin/stores",
];

const GETS: [&str; 8] = [
    "/web/store-user-likes",
    "/web/product-user-comments",
    "/web/offers",
    "/web/store-messages",
    "/web/broadcasts",
    "/web/broadcasts/1",
    "/web/store-manager/store-messages",
    "/web/store-manager/statistics",
];

#[tokio::test]
async fn every_route_refuses_bad_input_in_the_dialect() {
    let app = spawn_app().await;
    app.catalog(900).await;
    let big = "ب".repeat(600_000);
    let bad_forms: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("target", "galaxy"), ("id", "1"), ("type", "like")],
        vec![("target", "store"), ("id", "abc"), ("type", "like")],
        vec![("target", "store"), ("id", "-4"), ("type", "hug")],
        vec![
            ("target", "store"),
            ("id", "99999"),
            ("type", "like"),
            ("text", "x"),
        ],
        [
            "target", "id", "text", "title", "store", "message", "answer", "user", "type", "name",
            "mall", "manager",
        ]
        .into_iter()
        .map(|k| (k, "1\0"))
        .collect(),
        vec![
            ("target", "store"),
            ("id", "1"),
            ("x", "north"),
            ("y", "999"),
        ],
        vec![("text", big.as_str())],
    ];
    for path in POSTS {
        for form in &bad_forms {
            let r = send(app.as_(900, Method::POST, path).form(form)).await;
            assert!(
                (400..500).contains(&r.status),
                "{path} {:?}: {} {}",
                form.first(),
                r.status,
                r.text.chars().take(200).collect::<String>()
            );
            r.assert_bazaar_error(r.status);
        }
        let r = send(
            app.as_(900, Method::POST, path)
                .header("content-type", "application/json")
                .body("{not json"),
        )
        .await;
        // the admin route asks who is calling before it reads
        assert!(matches!(r.status, 400 | 403), "{path}: {}", r.text);
        r.assert_bazaar_error(r.status);
        // another user's username is not login, as no token is (operators'
        // routes are no app's: a user is refused there first)
        let r = send(
            app.as_(900, Method::POST, path)
                .form(&[("username", mobile(901).as_str())]),
        )
        .await;
        if path.starts_with("/web/admin") {
            r.assert_bazaar_error(403);
        } else {
            r.assert_bazaar_error(401);
            assert_eq!(r.body["message"], "not login");
        }
        let r = send(app.client.post(app.url(path))).await;
        r.assert_bazaar_error(401);
    }
    for path in GETS {
        for query in [
            "?page=0",
            "?perPage=abc",
            "?id=x&store=y",
            "?username=09120000000",
        ] {
            let r = app.get(900, &format!("{path}{query}")).await;
            assert!(
                (400..500).contains(&r.status) || r.status == 200,
                "{path}{query}: {}",
                r.text
            );
            if r.status != 200 {
                r.assert_bazaar_error(r.status);
            }
        }
        let r = send(app.client.get(app.url(path))).await;
        r.assert_bazaar_error(401);
    }
    for path in [
        "/web/galaxy-user-likes",
        "/web/store-user-hugs",
        "/web/broadcasts/x",
        "/web/nothing",
    ] {
        let r = app.get(900, path).await;
        assert!((400..500).contains(&r.status), "{path}: {}", r.text);
        r.assert_bazaar_error(r.status);
    }
    assert_eq!(app.counter_mismatches(), vec![]);
}
