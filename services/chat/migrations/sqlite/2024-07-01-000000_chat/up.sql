-- A buyer's conversation with a store. `last_seq` is the newest message's
-- sequence number: taken and raised in the sending transaction, so a
-- chat's numbers have no gaps.
CREATE TABLE chats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    seller_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    start_date BIGINT NOT NULL,
    last_seq BIGINT NOT NULL DEFAULT 0,
    user_read BIGINT NOT NULL DEFAULT 0,
    seller_read BIGINT NOT NULL DEFAULT 0
);
-- one open chat per buyer and store: concurrent starts make one
CREATE UNIQUE INDEX chats_one_open ON chats (user_id, store_id) WHERE status <> 'finished';
CREATE INDEX chats_by_user ON chats (user_id, id);
CREATE INDEX chats_by_seller ON chats (seller_id, id);

-- One room per building (`building`) and per block (`block`).
CREATE TABLE rooms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    ref_id BIGINT NOT NULL,
    last_seq BIGINT NOT NULL DEFAULT 0,
    UNIQUE (kind, ref_id)
);

CREATE TABLE room_members (
    room_id BIGINT NOT NULL REFERENCES rooms (id),
    user_id BIGINT NOT NULL,
    read_seq BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_members_by_user ON room_members (user_id);

-- Messages of chats (`conv_kind` 0) and rooms (1).
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conv_kind SMALLINT NOT NULL,
    conv_id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    sender_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    client_id TEXT,
    sent_at BIGINT NOT NULL,
    UNIQUE (conv_kind, conv_id, seq)
);
-- a resent client message id finds the stored message
CREATE UNIQUE INDEX messages_client_id ON messages (conv_kind, conv_id, sender_id, client_id);

-- Where the buildings change feed was read up to.
CREATE TABLE feed_cursor (
    name TEXT PRIMARY KEY,
    cursor BIGINT NOT NULL
);
