-- Part 2 (issue 12): payments, notifications, tickets, allowances (free
-- credit and the wheel), gifts, and the stats aggregates.

-- A Zarinpal top-up. `status`: new (before Zarinpal answered), pending
-- (the user is at the gateway), failed, paid. `amount` is thousandths of a
-- Toman; the ledger line of a paid one has the reference `topup:<authority>`.
CREATE TABLE payments (
    -- how a new row is found again inside its transaction, as orders' ids
    ids TEXT NOT NULL UNIQUE,
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    authority TEXT UNIQUE,
    status TEXT NOT NULL,
    code INTEGER,
    ref_id TEXT,
    card_pan TEXT,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX payments_user ON payments (user_id, id);

-- `id` is the seed's UUID; `seq` orders them.
CREATE TABLE notifications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL,
    message TEXT NOT NULL,
    read_at BIGINT,
    created BIGINT NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, seq);

-- `status`: new, pending (the user wrote last), answered, closed.
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid BIGINT NOT NULL,
    subject TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX tickets_user ON tickets (uid, id);
CREATE INDEX tickets_status ON tickets (status, changed);

CREATE TABLE ticket_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    uid BIGINT NOT NULL,
    operator INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL,
    is_read INTEGER NOT NULL DEFAULT 0,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);

-- How often an account may take something (`kind`: freecredit, wof): the
-- last time and this month's count, moved by one conditional UPDATE.
CREATE TABLE allowances (
    user_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    last_at BIGINT NOT NULL DEFAULT 0,
    month BIGINT NOT NULL DEFAULT 0,
    month_count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE gifts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id BIGINT NOT NULL REFERENCES services (id),
    min_quantity BIGINT NOT NULL CHECK (min_quantity >= 1),
    max_quantity BIGINT NOT NULL CHECK (max_quantity >= min_quantity),
    status INTEGER NOT NULL DEFAULT 1,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);

-- A gift won on the wheel; `used` turns 1 once, with the order it placed.
CREATE TABLE user_gifts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid BIGINT NOT NULL,
    gift_id BIGINT NOT NULL REFERENCES gifts (id),
    quantity BIGINT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    link TEXT,
    order_id BIGINT,
    expired_at BIGINT NOT NULL,
    changed BIGINT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX user_gifts_user ON user_gifts (uid, gift_id, id);

-- What each account and each service sold per UTC day (`day` = unix
-- seconds / 86400): kept with every placement and refund, so the stats
-- read these rows instead of every order. `amount`: charges less refunds.
CREATE TABLE user_stats (
    day BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    orders BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (day, uid)
);
CREATE TABLE service_stats (
    day BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    orders BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (day, service_id)
);
INSERT INTO user_stats (day, uid, orders, amount)
    SELECT created / 86400, uid, COUNT(*), SUM(charge - refunded) FROM orders GROUP BY created / 86400, uid;
INSERT INTO service_stats (day, service_id, orders, amount)
    SELECT created / 86400, service_id, COUNT(*), SUM(charge - refunded) FROM orders GROUP BY created / 86400, service_id;
