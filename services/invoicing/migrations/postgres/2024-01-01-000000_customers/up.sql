-- `seq` orders customers created in the same second (newest first);
-- the public id is the UUID.
CREATE TABLE customers (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    tel TEXT NOT NULL DEFAULT '',
    fax TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    mobile TEXT NOT NULL DEFAULT '',
    registration_number TEXT NOT NULL DEFAULT '',
    economical_number TEXT NOT NULL DEFAULT '',
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    deleted_at BIGINT,
    -- the document's rule, kept by the database too: a customer is reachable
    CONSTRAINT customers_email_or_mobile CHECK (email <> '' OR mobile <> '')
);

CREATE INDEX customers_account_newest ON customers (account_id, created DESC, seq DESC);
CREATE INDEX customers_account_mobile ON customers (account_id, mobile);
CREATE INDEX customers_account_email ON customers (account_id, lower(email));
