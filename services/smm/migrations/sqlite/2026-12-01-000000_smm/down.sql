DROP TABLE refills;
DROP TABLE idempotency_keys;
DROP TABLE ledger;
DROP TABLE orders;
DROP TABLE wallets;
DROP TABLE services;
DROP TABLE providers;
DROP TABLE categories;
