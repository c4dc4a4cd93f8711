-- One database per service: each service owns its own and nothing else
-- reads it. Run once, by the postgres image, when its volume is empty
-- (docker-compose.yml); on Kubernetes the operator creates the same
-- databases (docs/operations.md). Each service migrates its own at start.
CREATE DATABASE identity;
CREATE DATABASE social;
CREATE DATABASE chat;
CREATE DATABASE smm;
CREATE DATABASE invoicing;
CREATE DATABASE buildings;
