//! `--reactions` likes, dislikes, favorites and subscriptions written with
//! SQL (`generate_series`) in the shapes the service writes them, on a
//! catalog of their own, by users of their own: `REGULAR` users share 90%
//! evenly, `HEAVY` users 10% (100,000 of 1,000,000: 10,000 each, the
//! longest lists). Beside them a quarter as many views (each viewed
//! target twice, `last_views` by the newest) and a twentieth as many
//! comments, a fifth of them on one product (the public comment list).
//! The counters move by what was inserted, in the same transaction, as the
//! service moves them; the books are checked again afterwards.

use crate::common::database::Fresh;
use crate::{counters, Args};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use std::time::Instant;

/// Regular users are `USER_BASE + 1 ..= USER_BASE + REGULAR`.
pub const USER_BASE: i64 = 100_000;
pub const REGULAR: i64 = 1_000;
/// Heavy users are `HEAVY_BASE + 1 ..= HEAVY_BASE + HEAVY`.
pub const HEAVY_BASE: i64 = 200_000;
pub const HEAVY: i64 = 10;
const MALLS: i64 = 20;

/// What the lists read.
pub struct Seeded {
    /// The product with a fifth of the comments.
    pub popular: i64,
}

#[derive(QueryableByName)]
struct Range {
    #[diesel(sql_type = BigInt)]
    first: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn exec(conn: &mut PgConnection, sql: &str) -> usize {
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
}

/// Ids of what one `INSERT` made in `table` where `condition`; they are
/// consecutive (one statement, nobody else inserting).
fn range(conn: &mut PgConnection, table: &str, condition: &str, expected: i64) -> i64 {
    let r: Range = diesel::sql_query(format!(
        "SELECT min(id) AS first, count(*) AS n FROM {table} WHERE {condition}"
    ))
    .get_result(conn)
    .expect("a range");
    assert_eq!(r.n, expected, "{table}");
    let last: Range = diesel::sql_query(format!(
        "SELECT max(id) AS first, count(*) AS n FROM {table} WHERE {condition}"
    ))
    .get_result(conn)
    .expect("a range");
    assert_eq!(
        last.first - r.first + 1,
        expected,
        "{table}: consecutive ids"
    );
    r.first
}

/// `(user, j)` of row `g` of `n`: the first tenth belongs to the heavy
/// users in turn, the rest to the regular ones; `j` is the row's number
/// among its user's.
fn owner(n: i64) -> String {
    let heavy = n / 10;
    format!(
        "SELECT g, CASE WHEN g < {heavy} THEN {HEAVY_BASE} + 1 + g % {HEAVY} \
                        ELSE {USER_BASE} + 1 + (g - {heavy}) % {REGULAR} END AS u, \
                   CASE WHEN g < {heavy} THEN g / {HEAVY} ELSE (g - {heavy}) / {REGULAR} END AS j \
         FROM generate_series(0, {n} - 1) AS g"
    )
}

pub fn run(args: &Args, db_url: &str) -> Seeded {
    let n = args.reactions;
    let mut conn = Fresh::connect(db_url);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // a user's rows each on a target of their own: the longest user's
    // count of rows fits in the catalog
    let per_heavy = n / 10 / HEAVY + 1;
    let products = per_heavy.max(20_000);
    let stores = (per_heavy / 5 + 1).max(2_000);
    let started = Instant::now();

    exec(
        &mut conn,
        &format!("INSERT INTO bazzars (name, image, created) VALUES ('bulk', 'b.png', {now})"),
    );
    let bazzar = range(&mut conn, "bazzars", "name = 'bulk'", 1);
    exec(
        &mut conn,
        &format!(
            "INSERT INTO malls (bazzar_id, name, image, created) \
             SELECT {bazzar}, 'bulk mall ' || g, 'm.png', {now} FROM generate_series(1, {MALLS}) AS g"
        ),
    );
    let mall0 = range(&mut conn, "malls", &format!("bazzar_id = {bazzar}"), MALLS);
    exec(
        &mut conn,
        &format!(
            "INSERT INTO stores (mall_id, name, image, manager, score, created) \
             SELECT {mall0} + g % {MALLS}, 'bulk store ' || g, 's.png', 300000 + g, g % 5, {now} \
             FROM generate_series(0, {stores} - 1) AS g"
        ),
    );
    let store0 = range(
        &mut conn,
        "stores",
        &format!("mall_id BETWEEN {mall0} AND {mall0} + {MALLS} - 1"),
        stores,
    );
    exec(
        &mut conn,
        &format!(
            "INSERT INTO products (store_id, title, main_image, price, created) \
             SELECT {store0} + g % {stores}, 'bulk product ' || g, 'p.png', 1000 + g, {now} \
             FROM generate_series(0, {products} - 1) AS g"
        ),
    );
    let product0 = range(
        &mut conn,
        "products",
        &format!("store_id >= {store0}"),
        products,
    );
    exec(
        &mut conn,
        &format!(
            "INSERT INTO counters (target_kind, target_id) \
             SELECT 'bazzar', {bazzar} \
             UNION ALL SELECT 'mall', id FROM malls WHERE bazzar_id = {bazzar} \
             UNION ALL SELECT 'store', id FROM stores WHERE id >= {store0} \
             UNION ALL SELECT 'product', id FROM products WHERE id >= {product0}"
        ),
    );
    println!(
        "seed: catalog of 1 bazzar, {MALLS} malls, {stores} stores, {products} products in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let views = n / 4;
    let comments = n / 20;
    let popular = product0;
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        // j % 5 == 4 on a store, else on a product; kinds in turn by j / 5
        exec(
            conn,
            &format!(
                "INSERT INTO reactions (user_id, kind, target_kind, target_id, x, y, created) \
                 SELECT u, (ARRAY['like', 'dislike', 'favorite', 'notification'])[1 + (j / 5) % 4], \
                        CASE WHEN j % 5 = 4 THEN 'store' ELSE 'product' END, \
                        CASE WHEN j % 5 = 4 THEN {store0} + (j / 5 + u * 37) % {stores} \
                             ELSE {product0} + (j + u * 37) % {products} END, \
                        51.4, 35.7, {now} - {n} + g \
                 FROM ({}) AS s",
                owner(n)
            ),
        );
        // every target viewed twice in a row
        exec(
            conn,
            &format!(
                "INSERT INTO views (user_id, target_kind, target_id, x, y, created) \
                 SELECT u, CASE WHEN (j / 2) % 5 = 4 THEN 'store' ELSE 'product' END, \
                        CASE WHEN (j / 2) % 5 = 4 THEN {store0} + (j / 2 + u * 37) % {stores} \
                             ELSE {product0} + (j / 2 + u * 37) % {products} END, \
                        51.4, 35.7, {now} - {views} + g \
                 FROM ({}) AS s",
                owner(views)
            ),
        );
        exec(
            conn,
            &format!(
                "INSERT INTO last_views (user_id, target_kind, target_id, view_id, created) \
                 SELECT DISTINCT ON (user_id, target_kind, target_id) user_id, target_kind, target_id, id, created \
                 FROM views WHERE user_id > {USER_BASE} \
                 ORDER BY user_id, target_kind, target_id, id DESC"
            ),
        );
        exec(
            conn,
            &format!(
                "INSERT INTO comments (user_id, target_kind, target_id, text, pros, cons, x, y, created) \
                 SELECT {USER_BASE} + 1 + g % {REGULAR}, 'product', \
                        CASE WHEN g % 5 = 0 THEN {popular} ELSE {product0} + (g * 13) % {products} END, \
                        'نظر ' || g, 'خوب', NULL, 51.4, 35.7, {now} - {comments} + g \
                 FROM generate_series(0, {comments} - 1) AS g"
            ),
        );
        // the counters move by what came, as the service moves them
        exec(
            conn,
            &format!(
                "UPDATE counters c SET liked = c.liked + r.liked, disliked = c.disliked + r.disliked, \
                        favorite_count = c.favorite_count + r.favorite_count, \
                        notification_count = c.notification_count + r.notification_count \
                 FROM (SELECT target_kind, target_id, \
                              count(*) FILTER (WHERE kind = 'like') AS liked, \
                              count(*) FILTER (WHERE kind = 'dislike') AS disliked, \
                              count(*) FILTER (WHERE kind = 'favorite') AS favorite_count, \
                              count(*) FILTER (WHERE kind = 'notification') AS notification_count \
                       FROM reactions WHERE user_id > {USER_BASE} GROUP BY target_kind, target_id) AS r \
                 WHERE c.target_kind = r.target_kind AND c.target_id = r.target_id"
            ),
        );
        exec(
            conn,
            &format!(
                "UPDATE counters c SET viewed = c.viewed + v.n \
                 FROM (SELECT target_kind, target_id, count(*) AS n FROM views \
                       WHERE user_id > {USER_BASE} GROUP BY target_kind, target_id) AS v \
                 WHERE c.target_kind = v.target_kind AND c.target_id = v.target_id"
            ),
        );
        exec(
            conn,
            &format!(
                "UPDATE counters c SET comments_count = c.comments_count + m.n \
                 FROM (SELECT target_kind, target_id, count(*) AS n FROM comments \
                       WHERE user_id > {USER_BASE} GROUP BY target_kind, target_id) AS m \
                 WHERE c.target_kind = m.target_kind AND c.target_id = m.target_id"
            ),
        );
        Ok(())
    })
    .expect("the bulk rows");
    println!(
        "seed: {n} reactions, {views} views, {comments} comments and their counters in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // a database that has been running has its statistics
    let started = Instant::now();
    exec(&mut conn, "VACUUM ANALYZE");
    println!(
        "seed: VACUUM ANALYZE in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    counters::check(&mut conn, "seed");
    Seeded { popular }
}
