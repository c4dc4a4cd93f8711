DROP TABLE location_log;
DROP TABLE contact_phones;
DROP TABLE contact_emails;
DROP TABLE membership_changes;
DROP TABLE residents;
DROP TABLE apartments;
DROP TABLE blocks;
DROP TABLE buildings;
