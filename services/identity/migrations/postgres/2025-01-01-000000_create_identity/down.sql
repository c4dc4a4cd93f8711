DROP TABLE send_limits;
DROP TABLE revocations;
DROP TABLE login_codes;
DROP TABLE users;
