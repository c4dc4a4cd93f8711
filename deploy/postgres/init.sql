-- One database per service: each service owns its own and nothing else reads it.
CREATE DATABASE identity;
CREATE DATABASE invoicing;
