-- The marketplace app's sign-up (`/web/user/register`): a mobile and the
-- password chosen, waiting for the SMS code that proves the number. No
-- account exists (nor is the number claimed) until the code is typed.
CREATE TABLE bazaar_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mobile TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created BIGINT NOT NULL
);
