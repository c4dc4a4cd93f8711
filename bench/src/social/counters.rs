//! Every counter against the rows it counts, in SQL on the bench database
//! (aggregates joined to `counters`, no `COUNT(*)` per target): a run with
//! a single counter off its rows fails.

use diesel::prelude::*;
use diesel::sql_types::BigInt;

#[derive(QueryableByName, Debug)]
pub struct Books {
    /// Targets (counters rows).
    #[diesel(sql_type = BigInt)]
    pub targets: i64,
    /// Rows of `reactions`, `views` and `comments`.
    #[diesel(sql_type = BigInt)]
    pub reactions: i64,
    #[diesel(sql_type = BigInt)]
    pub views: i64,
    #[diesel(sql_type = BigInt)]
    pub comments: i64,
    /// Targets with at least one counter off its rows.
    #[diesel(sql_type = BigInt)]
    pub wrong: i64,
    /// Targets with rows but no counters row.
    #[diesel(sql_type = BigInt)]
    pub orphans: i64,
    /// A user's like and dislike of one target side by side.
    #[diesel(sql_type = BigInt)]
    pub both: i64,
    /// (user, target) pairs whose `last_views` row is missing, extra, or
    /// not their newest view.
    #[diesel(sql_type = BigInt)]
    pub stale_last_views: i64,
}

const BOOKS: &str = "
WITH r AS (
    SELECT target_kind, target_id,
           count(*) FILTER (WHERE kind = 'like') AS liked,
           count(*) FILTER (WHERE kind = 'dislike') AS disliked,
           count(*) FILTER (WHERE kind = 'favorite') AS favorite_count,
           count(*) FILTER (WHERE kind = 'notification') AS notification_count
    FROM reactions GROUP BY target_kind, target_id),
v AS (SELECT target_kind, target_id, count(*) AS viewed FROM views GROUP BY target_kind, target_id),
m AS (SELECT target_kind, target_id, count(*) AS comments_count FROM comments
      WHERE target_kind <> 'user' GROUP BY target_kind, target_id),
rows AS (SELECT target_kind, target_id FROM r UNION SELECT target_kind, target_id FROM v
         UNION SELECT target_kind, target_id FROM m)
SELECT
  (SELECT count(*) FROM counters) AS targets,
  (SELECT count(*) FROM reactions) AS reactions,
  (SELECT count(*) FROM views) AS views,
  (SELECT count(*) FROM comments) AS comments,
  (SELECT count(*) FROM counters c
     LEFT JOIN r USING (target_kind, target_id)
     LEFT JOIN v USING (target_kind, target_id)
     LEFT JOIN m USING (target_kind, target_id)
   WHERE c.liked <> coalesce(r.liked, 0) OR c.disliked <> coalesce(r.disliked, 0)
      OR c.favorite_count <> coalesce(r.favorite_count, 0)
      OR c.notification_count <> coalesce(r.notification_count, 0)
      OR c.viewed <> coalesce(v.viewed, 0)
      OR c.comments_count <> coalesce(m.comments_count, 0)) AS wrong,
  (SELECT count(*) FROM rows LEFT JOIN counters c USING (target_kind, target_id)
   WHERE c.target_id IS NULL) AS orphans,
  (SELECT count(*) FROM reactions a JOIN reactions b
     ON b.user_id = a.user_id AND b.target_kind = a.target_kind AND b.target_id = a.target_id
   WHERE a.kind = 'like' AND b.kind = 'dislike') AS both,
  (SELECT count(*) FROM
     (SELECT user_id, target_kind, target_id, max(id) AS last FROM views
      GROUP BY user_id, target_kind, target_id) n
     FULL JOIN last_views l USING (user_id, target_kind, target_id)
   WHERE l.view_id IS DISTINCT FROM n.last) AS stale_last_views
";

/// Reads the books and fails the run unless they are exact.
pub fn check(conn: &mut PgConnection, stage: &str) -> Books {
    let books: Books = diesel::sql_query(BOOKS)
        .get_result(conn)
        .expect("the books");
    println!(
        "{stage}: counters of {} targets against {} reaction rows, {} views, {} comments: \
         {} wrong, {} rows without counters, {} like beside a dislike, {} stale last views",
        books.targets,
        books.reactions,
        books.views,
        books.comments,
        books.wrong,
        books.orphans,
        books.both,
        books.stale_last_views
    );
    assert_eq!(
        (
            books.wrong,
            books.orphans,
            books.both,
            books.stale_last_views
        ),
        (0, 0, 0, 0),
        "{stage}: the counters are not exact"
    );
    books
}
