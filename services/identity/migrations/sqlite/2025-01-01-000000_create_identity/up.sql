-- Accounts. `mobile` is the verified mobile (the login); a changed mobile
-- waits in `pending_mobile` until a code sent to it is verified, so nobody
-- can claim a number they do not hold.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    role TEXT NOT NULL DEFAULT 'user',
    first_name TEXT,
    last_name TEXT,
    email TEXT UNIQUE,
    mobile TEXT NOT NULL UNIQUE,
    pending_mobile TEXT,
    password_hash TEXT,
    status INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    phone TEXT,
    state BIGINT,
    city BIGINT,
    hood BIGINT,
    address TEXT,
    age INTEGER,
    gender TEXT,
    telegram TEXT,
    twitter TEXT,
    linkedin TEXT,
    facebook TEXT,
    instagram TEXT,
    googleplus TEXT,
    website TEXT,
    avatar TEXT,
    created BIGINT NOT NULL,
    changed BIGINT NOT NULL
);

-- The one live code of each receiving mobile. `code_id` changes with every
-- new code, so a verify that read an older code cannot consume a newer one.
CREATE TABLE login_codes (
    receptor TEXT PRIMARY KEY,
    code_id TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    purpose TEXT NOT NULL,
    user_id BIGINT,
    expires_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    consumed_at BIGINT,
    cooldown_until BIGINT NOT NULL
);

-- Logged-out tokens, in the order the gateway reads them.
CREATE TABLE revocations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    jti TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL,
    exp BIGINT NOT NULL,
    revoked_at BIGINT NOT NULL
);
CREATE INDEX revocations_exp ON revocations (exp);

-- Fixed-window counters of code sending per client address, used when no
-- Redis is configured.
CREATE TABLE send_limits (
    bucket TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits INTEGER NOT NULL
);
