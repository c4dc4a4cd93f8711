-- AUTOINCREMENT everywhere: an id (and a feed seq) is never reused.
-- The community: buildings, their blocks, the blocks' apartments, and the
-- users living in them. Apartments never move between blocks, so each
-- resident row also names its block and building: the membership queries
-- the chat service makes need no joins.
CREATE TABLE buildings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    created BIGINT NOT NULL
);

CREATE TABLE blocks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    building_id BIGINT NOT NULL REFERENCES buildings (id),
    name TEXT NOT NULL,
    created BIGINT NOT NULL,
    UNIQUE (building_id, name)
);

CREATE TABLE apartments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    block_id BIGINT NOT NULL REFERENCES blocks (id),
    number TEXT NOT NULL,
    created BIGINT NOT NULL,
    UNIQUE (block_id, number)
);

CREATE TABLE residents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    apartment_id BIGINT NOT NULL REFERENCES apartments (id),
    block_id BIGINT NOT NULL REFERENCES blocks (id),
    building_id BIGINT NOT NULL REFERENCES buildings (id),
    user_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'tenant', 'manager')),
    created BIGINT NOT NULL,
    UNIQUE (apartment_id, user_id)
);

CREATE INDEX residents_user ON residents (user_id);
CREATE INDEX residents_block ON residents (block_id);
CREATE INDEX residents_building ON residents (building_id, role);

-- Every resident who joined or left, in commit order (`seq`), for the
-- chat service's rooms. `in_block` and `in_building`: whether the user
-- still lives in that block and building after the change.
CREATE TABLE membership_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    change TEXT NOT NULL CHECK (change IN ('joined', 'left')),
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    building_id BIGINT NOT NULL,
    block_id BIGINT NOT NULL,
    apartment_id BIGINT NOT NULL,
    in_block BOOLEAN NOT NULL,
    in_building BOOLEAN NOT NULL,
    created BIGINT NOT NULL
);

-- A user's secondary contacts. Each kind has its own ids, as in the
-- document's answer. `email_key` is the address in lower case: the same
-- address in other letters is the same contact.
CREATE TABLE contact_emails (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    created BIGINT NOT NULL,
    UNIQUE (user_id, email_key)
);

CREATE TABLE contact_phones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    phone TEXT NOT NULL,
    created BIGINT NOT NULL,
    UNIQUE (user_id, phone)
);

-- The device location of every call to the dispatcher and the contacts
-- routes, as sent (the document types them as strings).
CREATE TABLE location_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    longitude TEXT,
    latitude TEXT,
    created BIGINT NOT NULL
);

CREATE INDEX location_log_user ON location_log (user_id, created);
