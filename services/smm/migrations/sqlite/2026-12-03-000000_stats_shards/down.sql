CREATE TABLE service_stats_whole (
    day BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    orders BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (day, service_id)
);
INSERT INTO service_stats_whole (day, service_id, orders, amount)
    SELECT day, service_id, SUM(orders), SUM(amount) FROM service_stats GROUP BY day, service_id;
DROP TABLE service_stats;
ALTER TABLE service_stats_whole RENAME TO service_stats;
