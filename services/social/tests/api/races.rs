//! 200 concurrent like, dislike, unlike, favorite and view calls from 50
//! users on a few targets: afterwards every counter equals its rows, and
//! no user has both liked and disliked one target.

use crate::helpers::spawn_app;
use futures_util::future::join_all;
use serde_json::Value;

#[tokio::test]
async fn counters_equal_their_rows_after_a_storm() {
    let app = spawn_app().await;
    let c = app.catalog(900).await;
    let targets = [("store", c.store), ("product", c.product), ("mall", c.mall)];
    let calls = (0..200).map(|i: i64| {
        let app = &app;
        let user = 10 + i % 50;
        let (target, id) = targets[(i as usize / 7) % targets.len()];
        let path = match i % 5 {
            0 => "/web/user/add-like",
            1 => "/web/user/add-dislike",
            2 => "/web/user/delete-like",
            3 => "/web/user/add-favorite",
            _ => "/web/user/add-view",
        };
        async move {
            let id = id.to_string();
            let reply = app
                .post(user, path, &[("target", target), ("id", &id)])
                .await;
            assert_eq!(reply.status, 200, "{path}: {}", reply.text);
        }
    });
    join_all(calls).await;
    assert_eq!(app.counter_mismatches(), vec![]);
    // a like and a dislike of one user on one target exclude each other
    for user in 10..60 {
        for (target, id) in targets {
            let check = |kind: &'static str| {
                let id = id.to_string();
                let app = &app;
                async move {
                    let r = app
                        .post(
                            user,
                            "/web/user/is-true",
                            &[("type", kind), ("target", target), ("id", &id)],
                        )
                        .await;
                    assert_eq!(r.status, 200, "{}", r.text);
                    r.body["data"] == Value::Bool(true)
                }
            };
            assert!(
                !(check("like").await && check("dislike").await),
                "user {user} on {target}"
            );
        }
    }
}
