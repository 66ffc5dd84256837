-- The same-schema floor for the inquiry import (DESIGN §10), run by the sqlite3 shell (C, no
-- interpreter) in the folder holding inquiries.csv, on a database that already has Homeward's
-- schema and one coordinator (homeward-bench prepares it and times only this script):
--   sqlite3 floor.sqlite < scripts/sqlite-floor.sql
-- What it does is what an import must do at least: parse the CSV, and in one transaction with
-- Homeward's pragmas write every person, its row in the FTS5 name index, the distinct name
-- keys and the inquiry, through the same tables, indexes, CHECK constraints and foreign keys.
-- What it leaves out is Homeward's own work: validation, transliteration, region and phone
-- parsing, duplicate warnings, reference check characters, the audit event.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -16384;  -- as Homeward during a bulk load (Homeward+InquiryImport.swift)
BEGIN IMMEDIATE;
.import --csv inquiries.csv staging
INSERT INTO person (id, family_name, given_name, patronymic, family_name_latin, given_name_latin, patronymic_latin,
                    sex, date_of_birth, service_number, service_number_key, unit, rank, last_known_region,
                    last_known_place, last_seen_from, last_seen_to, created_at, updated_at)
SELECT rowid, family_name, given_name, nullif(patronymic, ''), lower(family_name), lower(given_name), lower(nullif(patronymic, '')),
       CASE WHEN sex IN ('male', 'm', 'ч') THEN 'male' WHEN sex IN ('female', 'f', 'ж') THEN 'female' ELSE 'unknown' END,
       nullif(date_of_birth, ''), nullif(service_number, ''), upper(nullif(service_number, '')), unit, rank,
       'UA-' || (10 + rowid % 17), nullif(last_known_place, ''), date_last_seen, date_last_seen,
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
FROM staging;
INSERT INTO person_name (rowid, family, given, patronymic)
SELECT id, family_name_latin, given_name_latin, patronymic_latin FROM person;
INSERT OR IGNORE INTO name_key (key, length)
SELECT key, length(key) FROM (SELECT family_name_latin AS key FROM person UNION ALL SELECT given_name_latin FROM person
                              UNION ALL SELECT patronymic_latin FROM person WHERE patronymic_latin IS NOT NULL);
INSERT INTO inquiry (reference, person_id, inquirer_name, relationship, phone, email, language, consent_tracing,
                     consent_dna, channel, received_on, coordinator_id, notes, created_at, updated_at)
SELECT printf('HW-%s-%06d-K', substr(received_on, 1, 4), rowid), rowid, inquirer_name, relationship,
       '+380' || substr(replace(replace(replace(phone, ' ', ''), '-', ''), '+380', ''), -9), nullif(email, ''), language,
       1, 0, 'hotline', received_on, (SELECT min(id) FROM app_user), nullif(notes, ''),
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
FROM staging;
DROP TABLE staging;
COMMIT;
