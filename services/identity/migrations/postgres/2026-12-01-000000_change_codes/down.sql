DROP INDEX users_pending_email;
DROP INDEX users_pending_mobile;
ALTER TABLE users DROP COLUMN password_locked_until;
ALTER TABLE users DROP COLUMN failed_passwords;
ALTER TABLE users DROP COLUMN pending_email;
DELETE FROM login_codes WHERE receptor LIKE 'change:%';
ALTER TABLE login_codes ADD COLUMN purpose TEXT NOT NULL DEFAULT 'login';
ALTER TABLE login_codes ADD COLUMN user_id BIGINT;
