-- 0003_hardening: one canonical key per user name, a per-database secret for keyed hashes
-- in the audit trail, the contact log with families, batch corrections with history, and
-- returned records that can be corrected and voided.
-- Shipped migrations are never edited; later changes go into new numbered files.

-- User names are compared by this key only (lower-case ASCII for every name made since this
-- migration). Names from before keep SQLite's ASCII lower-casing; two old names that only
-- differed outside ASCII get the row id appended so that the key stays unique.
ALTER TABLE app_user ADD COLUMN name_key TEXT;
UPDATE app_user SET name_key = lower(name) || CASE
    WHEN EXISTS (SELECT 1 FROM app_user other WHERE lower(other.name) = lower(app_user.name) AND other.id < app_user.id)
    THEN '#' || id ELSE '' END;
CREATE UNIQUE INDEX app_user_by_name_key ON app_user(name_key);
CREATE TRIGGER app_user_name_key_required BEFORE INSERT ON app_user
WHEN NEW.name_key IS NULL OR length(NEW.name_key) = 0
BEGIN
    SELECT RAISE(ABORT, 'app_user.name_key is required');
END;

-- A random secret of this database: audit events name unknown or invalid user names only by
-- an HMAC under it, so that a password typed as a name never reaches the trail.
ALTER TABLE database_identity ADD COLUMN audit_key BLOB CHECK (audit_key IS NULL OR length(audit_key) = 32);
UPDATE database_identity SET audit_key = randomblob(32);

-- Each contact with a family: who, when, how, and how it went.
CREATE TABLE inquiry_contact (
    id            INTEGER PRIMARY KEY,
    inquiry_id    INTEGER NOT NULL REFERENCES inquiry(id),
    channel       TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'visit', 'letter')),
    outcome       TEXT CHECK (outcome IS NULL OR outcome IN ('reached', 'no_answer', 'left_message')),
    note          TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
    contacted_at  TEXT NOT NULL,
    recorded_by   INTEGER NOT NULL REFERENCES app_user(id)
) STRICT;
CREATE INDEX inquiry_contact_by_inquiry ON inquiry_contact(inquiry_id, id);

-- Corrections of a batch's recorded facts (counts, regions, transfer point, agreement,
-- sources): one row per changed field with its old and new value.
CREATE TABLE batch_change (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
    field       TEXT NOT NULL CHECK (field IN ('received_count', 'handed_over_count', 'regions', 'transfer_point',
                                               'agreement', 'sources')),
    old_value   TEXT,
    new_value   TEXT,
    note        TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 4000),
    changed_at  TEXT NOT NULL,
    changed_by  INTEGER NOT NULL REFERENCES app_user(id)
) STRICT;
CREATE INDEX batch_change_by_batch ON batch_change(batch_id, id);

-- Returned records, rebuilt so that a voided record keeps its row (and history) while its
-- tag may be reused: the tag is unique among the records that are not voided.
CREATE TABLE returned_record_v3 (
    id                  INTEGER PRIMARY KEY,
    batch_id            INTEGER NOT NULL REFERENCES batch(id),
    tag                 TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64 AND tag NOT LIKE '%/%'),
    kind                TEXT NOT NULL CHECK (kind IN ('remains', 'returnee')),
    name                TEXT,
    name_latin          TEXT,
    service_number      TEXT,
    service_number_key  TEXT,
    sex                 TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('male', 'female', 'unknown')),
    age_min             INTEGER CHECK (age_min IS NULL OR age_min BETWEEN 0 AND 120),
    age_max             INTEGER CHECK (age_max IS NULL OR age_max BETWEEN 0 AND 120),
    recovery_region     TEXT CHECK (recovery_region IS NULL OR recovery_region GLOB '[A-Z][A-Z]-[A-Z0-9]*'),
    recovery_place      TEXT,
    recovery_date       TEXT CHECK (recovery_date IS NULL OR recovery_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    effects             TEXT,
    notes               TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT,
    voided_at           TEXT,
    voided_by           INTEGER REFERENCES app_user(id),
    void_reason         TEXT CHECK (void_reason IS NULL OR length(void_reason) BETWEEN 1 AND 4000),
    CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max),
    CHECK ((voided_at IS NULL) = (void_reason IS NULL) AND (voided_at IS NULL) = (voided_by IS NULL))
) STRICT;
INSERT INTO returned_record_v3 (id, batch_id, tag, kind, name, name_latin, service_number, service_number_key, sex,
                                age_min, age_max, recovery_region, recovery_place, recovery_date, effects, notes, created_at)
SELECT id, batch_id, tag, kind, name, name_latin, service_number, service_number_key, sex,
       age_min, age_max, recovery_region, recovery_place, recovery_date, effects, notes, created_at
FROM returned_record;
DROP TABLE returned_record;
ALTER TABLE returned_record_v3 RENAME TO returned_record;
CREATE UNIQUE INDEX returned_record_by_tag ON returned_record(batch_id, tag COLLATE NOCASE) WHERE voided_at IS NULL;
CREATE INDEX returned_record_by_service_number ON returned_record(service_number_key) WHERE service_number_key IS NOT NULL;
CREATE INDEX returned_record_by_batch ON returned_record(batch_id, id);

-- Corrections of a returned record: one row per changed field, old and new value.
CREATE TABLE returned_record_change (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES returned_record(id),
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    changed_at  TEXT NOT NULL,
    changed_by  INTEGER NOT NULL REFERENCES app_user(id)
) STRICT;
CREATE INDEX returned_record_change_by_record ON returned_record_change(record_id, id);
