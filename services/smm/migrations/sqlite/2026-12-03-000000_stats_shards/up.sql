-- Every order of a service on one day updated one row of service_stats, in
-- the placing transaction: orders of different accounts queued on that
-- row's lock until commit. Sixteen rows per service and day (by the
-- account's id) spread them; readers sum the shards.
CREATE TABLE service_stats_sharded (
    day BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    shard BIGINT NOT NULL,
    orders BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (day, service_id, shard)
);
INSERT INTO service_stats_sharded (day, service_id, shard, orders, amount)
    SELECT day, service_id, 0, orders, amount FROM service_stats;
DROP TABLE service_stats;
ALTER TABLE service_stats_sharded RENAME TO service_stats;
