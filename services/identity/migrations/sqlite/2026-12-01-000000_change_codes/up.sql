-- A code that confirms a change of mobile or e-mail is no login code: it
-- lives in its own slot (`change:<contact>:<user id>`, never a mobile
-- number), is bound to the account and the new value, and only the
-- confirmation route reads it. Codes sent for pending mobiles before this
-- migration were login codes that a login could spend: they are void.
DELETE FROM login_codes WHERE purpose <> 'login';
ALTER TABLE login_codes DROP COLUMN purpose;
ALTER TABLE login_codes DROP COLUMN user_id;
UPDATE users SET pending_mobile = NULL;
ALTER TABLE users ADD COLUMN pending_email TEXT;

-- The account lock now counts codes guessed wrong (once per code), not
-- requests; wrong passwords have a lock of their own that never stops a
-- login by code. Counts and locks made under the old rule, which anyone
-- could run up without holding a code, are lifted.
UPDATE users SET failed_logins = 0, locked_until = 0;
ALTER TABLE users ADD COLUMN failed_passwords INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_locked_until BIGINT NOT NULL DEFAULT 0;

CREATE INDEX users_pending_mobile ON users (pending_mobile);
CREATE INDEX users_pending_email ON users (pending_email);
