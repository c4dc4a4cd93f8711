-- The catalog the app's social graph points at. User ids are identity's.
CREATE TABLE bazzars (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    image TEXT,
    created BIGINT NOT NULL
);

CREATE TABLE malls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    bazzar_id BIGINT NOT NULL REFERENCES bazzars (id),
    name TEXT NOT NULL,
    image TEXT,
    created BIGINT NOT NULL
);

CREATE TABLE stores (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mall_id BIGINT NOT NULL REFERENCES malls (id),
    name TEXT NOT NULL,
    image TEXT,
    manager BIGINT NOT NULL,
    score BIGINT NOT NULL DEFAULT 0,
    created BIGINT NOT NULL
);
CREATE INDEX stores_manager ON stores (manager, id);

CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL REFERENCES stores (id),
    title TEXT NOT NULL,
    main_image TEXT,
    price BIGINT NOT NULL,
    created BIGINT NOT NULL
);

-- Every target's counters, one row per target made with it. Each is
-- changed only by `UPDATE ... SET n = n + d` in the transaction that adds
-- or removes the rows it counts, so it equals them at every commit.
CREATE TABLE counters (
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    viewed BIGINT NOT NULL DEFAULT 0,
    liked BIGINT NOT NULL DEFAULT 0,
    disliked BIGINT NOT NULL DEFAULT 0,
    comments_count BIGINT NOT NULL DEFAULT 0,
    favorite_count BIGINT NOT NULL DEFAULT 0,
    notification_count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (target_kind, target_id)
);

-- Likes, dislikes, favorites and notification subscriptions: at most one of
-- each kind per user and target.
CREATE TABLE reactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    x DOUBLE,
    y DOUBLE,
    created BIGINT NOT NULL,
    UNIQUE (user_id, kind, target_kind, target_id)
);
CREATE INDEX reactions_list ON reactions (user_id, kind, target_kind, id);
CREATE INDEX reactions_target ON reactions (kind, target_kind, target_id);

-- Every view, counted every time.
CREATE TABLE views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    x DOUBLE,
    y DOUBLE,
    created BIGINT NOT NULL
);
CREATE INDEX views_target ON views (target_kind, target_id);

-- Each user's last view of each target, for the caller's view lists.
CREATE TABLE last_views (
    user_id BIGINT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    view_id BIGINT NOT NULL,
    created BIGINT NOT NULL,
    PRIMARY KEY (user_id, target_kind, target_id)
);
CREATE INDEX last_views_list ON last_views (user_id, target_kind, view_id);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    pros TEXT,
    cons TEXT,
    x DOUBLE,
    y DOUBLE,
    created BIGINT NOT NULL
);
CREATE INDEX comments_target ON comments (target_kind, target_id, id);
CREATE INDEX comments_user ON comments (user_id, target_kind, id);

-- Sent by a store to one user.
CREATE TABLE offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL REFERENCES stores (id),
    user_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    created BIGINT NOT NULL
);
CREATE INDEX offers_user ON offers (user_id, id);

-- From a user to a store, and the store's answer.
CREATE TABLE store_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL REFERENCES stores (id),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    attachment TEXT,
    read INTEGER NOT NULL DEFAULT 0,
    answer TEXT,
    answer_date BIGINT,
    answer_attachment TEXT,
    x DOUBLE,
    y DOUBLE,
    created BIGINT NOT NULL
);
CREATE INDEX store_messages_user ON store_messages (user_id, id);
CREATE INDEX store_messages_store ON store_messages (store_id, id);

-- The platform's (to everyone, or to one role), one user's, or a store's
-- to its subscribers. `date` is the app's `YYYY-MM-DD`.
CREATE TABLE broadcasts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    user_id BIGINT,
    role BIGINT,
    store_id BIGINT REFERENCES stores (id),
    date TEXT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX broadcasts_user ON broadcasts (user_id);
CREATE INDEX broadcasts_store ON broadcasts (store_id);
