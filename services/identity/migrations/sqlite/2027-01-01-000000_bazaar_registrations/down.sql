DROP TABLE bazaar_registrations;
