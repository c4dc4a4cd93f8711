-- Money is BIGINT thousandths of a Toman (src/money.rs): exact, never a float.
CREATE TABLE categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    image TEXT,
    sort BIGINT NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 1,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);

-- An upstream panel spoken to with the reseller API v2. `api_key` is kept
-- in clear because every call sends it; no reply ever shows it.
CREATE TABLE providers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    api_key TEXT NOT NULL,
    balance TEXT,
    currency TEXT,
    balance_at BIGINT,
    status INTEGER NOT NULL DEFAULT 1,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);

-- `price` per 1000 units.
CREATE TABLE services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cate_id BIGINT NOT NULL REFERENCES categories (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    price BIGINT NOT NULL CHECK (price >= 0),
    original_price BIGINT,
    min_quantity BIGINT NOT NULL CHECK (min_quantity >= 1),
    max_quantity BIGINT NOT NULL CHECK (max_quantity >= min_quantity),
    kind TEXT NOT NULL,
    dripfeed INTEGER NOT NULL DEFAULT 0,
    refill INTEGER NOT NULL DEFAULT 0,
    cancel INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 1,
    add_type TEXT NOT NULL,
    api_provider_id BIGINT REFERENCES providers (id),
    api_service_id TEXT,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL,
    CONSTRAINT services_api_has_provider CHECK (
        add_type = 'manual' OR (api_provider_id IS NOT NULL AND api_service_id IS NOT NULL)
    )
);
CREATE INDEX services_category ON services (cate_id);
CREATE UNIQUE INDEX services_upstream ON services (api_provider_id, api_service_id, cate_id);

-- The balance column is the sum of the account's ledger, kept in the same
-- transaction; the CHECK is the last line against an overdraft.
CREATE TABLE wallets (
    user_id BIGINT PRIMARY KEY,
    balance BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0),
    spent BIGINT NOT NULL DEFAULT 0,
    custom_rate INTEGER NOT NULL DEFAULT 0 CHECK (custom_rate BETWEEN 0 AND 100),
    api_key_hash TEXT UNIQUE,
    api_key_hint TEXT,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);

-- `ids`: the seed's 32-hex public handle, also how a new row is found
-- again inside its transaction on both backends.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ids TEXT NOT NULL UNIQUE,
    uid BIGINT NOT NULL,
    source TEXT NOT NULL,
    cate_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    service_type TEXT NOT NULL,
    api_provider_id BIGINT,
    api_service_id TEXT,
    api_order_id BIGINT NOT NULL DEFAULT 0,
    link TEXT,
    quantity BIGINT NOT NULL,
    usernames TEXT,
    username TEXT,
    hashtags TEXT,
    hashtag TEXT,
    media TEXT,
    comments TEXT,
    sub_posts BIGINT,
    sub_min BIGINT,
    sub_max BIGINT,
    sub_delay BIGINT,
    sub_expiry TEXT,
    sub_response_orders TEXT,
    sub_response_posts BIGINT,
    sub_status TEXT,
    rate BIGINT NOT NULL,
    charge BIGINT NOT NULL CHECK (charge >= 0),
    refunded BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= charge),
    status TEXT NOT NULL,
    start_counter BIGINT NOT NULL DEFAULT 0,
    remains BIGINT NOT NULL DEFAULT 0,
    is_drip_feed INTEGER NOT NULL DEFAULT 0,
    runs BIGINT NOT NULL DEFAULT 0,
    run_interval BIGINT NOT NULL DEFAULT 0,
    dripfeed_quantity BIGINT NOT NULL DEFAULT 0,
    note TEXT,
    forward TEXT NOT NULL,
    forward_claim TEXT,
    lease_until BIGINT NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    sync_claim TEXT,
    next_sync_at BIGINT NOT NULL DEFAULT 0,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX orders_user_newest ON orders (uid, id DESC);
CREATE INDEX orders_forward ON orders (forward, lease_until);
CREATE INDEX orders_sync ON orders (forward, status, next_sync_at);

-- Append-only. `reference` makes a credit that must happen once (a
-- refund step, a payment) unique.
CREATE TABLE ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    amount BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    order_id BIGINT,
    reference TEXT UNIQUE,
    reason TEXT NOT NULL DEFAULT '',
    created BIGINT NOT NULL
);
CREATE INDEX ledger_user ON ledger (user_id, id);

CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    order_id BIGINT NOT NULL,
    created BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

CREATE TABLE refills (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    api_refill_id TEXT,
    status TEXT NOT NULL,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX refills_order ON refills (order_id);
