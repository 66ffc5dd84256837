-- 0002_casework: persons, inquiries, repatriation batches, their manifests and the name index.

-- The missing soldier. Names are kept as written plus their official Latin spelling; the
-- search keys live in person_token.
CREATE TABLE person (
    id                       INTEGER PRIMARY KEY,
    family_name              TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
    given_name               TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 200),
    patronymic               TEXT CHECK (patronymic IS NULL OR length(patronymic) BETWEEN 1 AND 200),
    family_name_latin        TEXT NOT NULL,
    given_name_latin         TEXT NOT NULL,
    patronymic_latin         TEXT,
    sex                      TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('male', 'female', 'unknown')),
    -- Partial dates allowed: 1998, 1998-04 or 1998-04-17.
    date_of_birth            TEXT CHECK (date_of_birth IS NULL
                                 OR date_of_birth GLOB '[12][0-9][0-9][0-9]'
                                 OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                                 OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    service_number           TEXT,
    -- Upper-case letters and digits only, for exact comparison.
    service_number_key       TEXT,
    unit                     TEXT,
    rank                     TEXT,
    last_known_region        TEXT NOT NULL CHECK (last_known_region GLOB '[A-Z][A-Z]-[A-Z0-9]*'),
    last_known_place         TEXT,
    -- "Last seen" is a range of days; a single day has from = to.
    last_seen_from           TEXT NOT NULL CHECK (last_seen_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    last_seen_to             TEXT NOT NULL CHECK (last_seen_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    circumstances            TEXT,
    distinguishing_features  TEXT,
    dna_reference_status     TEXT NOT NULL DEFAULT 'none'
                             CHECK (dna_reference_status IN ('none', 'requested', 'collected', 'profiled')),
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    CHECK (last_seen_from <= last_seen_to)
) STRICT;
CREATE INDEX person_by_service_number ON person(service_number_key) WHERE service_number_key IS NOT NULL;

-- The name keys of each person (rowid = person.id), one column per name field, as an FTS5
-- index: bulk imports write it in large sorted segments instead of one B-tree entry per word.
-- Tokens are NameKey keys escaped to [a-z0-9] (see SearchToken).
CREATE VIRTUAL TABLE person_name USING fts5(
    family, given, patronymic,
    columnsize = 0, detail = column, tokenize = 'unicode61 remove_diacritics 0'
);

-- Every distinct name key, for typo-tolerant search (scanned by length band).
CREATE TABLE name_key (
    key     TEXT PRIMARY KEY,
    length  INTEGER NOT NULL CHECK (length > 0)
) STRICT, WITHOUT ROWID;
CREATE INDEX name_key_by_length ON name_key(length);

-- Inquiry references are HW-YYYY-NNNNNN-C; numbers run per year.
CREATE TABLE reference_counter (
    year  INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
    last  INTEGER NOT NULL CHECK (last >= 0)
) STRICT;

CREATE TABLE inquiry (
    id                   INTEGER PRIMARY KEY,
    reference            TEXT NOT NULL UNIQUE,
    person_id            INTEGER NOT NULL REFERENCES person(id),
    inquirer_name        TEXT NOT NULL CHECK (length(inquirer_name) BETWEEN 1 AND 200),
    relationship         TEXT NOT NULL CHECK (length(relationship) BETWEEN 1 AND 100),
    -- E.164 digits with the leading '+'.
    phone                TEXT CHECK (phone IS NULL OR phone GLOB '+[1-9]*'),
    email                TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
    language             TEXT NOT NULL DEFAULT 'uk' CHECK (language IN ('uk', 'en', 'ru')),
    consent_tracing      INTEGER NOT NULL CHECK (consent_tracing IN (0, 1)),
    consent_dna          INTEGER NOT NULL DEFAULT 0 CHECK (consent_dna IN (0, 1)),
    consent_sharing      TEXT,
    channel              TEXT NOT NULL DEFAULT 'hotline' CHECK (channel IN ('hotline', 'office', 'email', 'partner')),
    received_on          TEXT NOT NULL CHECK (received_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    coordinator_id       INTEGER REFERENCES app_user(id),
    notes                TEXT,
    status               TEXT NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'linked', 'resolved', 'withdrawn', 'merged')),
    status_reason        TEXT,
    -- A merge points the inquiry at another inquiry's person; these keep what unmerge restores.
    merged_into_id       INTEGER REFERENCES inquiry(id),
    premerge_person_id   INTEGER REFERENCES person(id),
    premerge_status      TEXT CHECK (premerge_status IS NULL OR premerge_status IN ('open', 'linked', 'resolved', 'withdrawn')),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CHECK (phone IS NOT NULL OR email IS NOT NULL),
    CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
    CHECK (merged_into_id IS NULL OR merged_into_id <> id)
) STRICT;
CREATE INDEX inquiry_by_person ON inquiry(person_id);
CREATE INDEX inquiry_by_phone ON inquiry(phone) WHERE phone IS NOT NULL;

-- One repatriation event.
CREATE TABLE batch (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('remains', 'pow_exchange', 'wounded_exchange', 'civilians')),
    date               TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    status             TEXT NOT NULL DEFAULT 'announced'
                       CHECK (status IN ('announced', 'completed', 'postponed', 'disputed')),
    received_count     INTEGER CHECK (received_count IS NULL OR received_count >= 0),
    handed_over_count  INTEGER CHECK (handed_over_count IS NULL OR handed_over_count >= 0),
    transfer_point     TEXT,
    agreement          TEXT,
    created_at         TEXT NOT NULL,
    created_by         INTEGER NOT NULL REFERENCES app_user(id)
) STRICT;
CREATE INDEX batch_by_date ON batch(date);

CREATE TABLE batch_region (
    batch_id  INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
    region    TEXT NOT NULL CHECK (region GLOB '[A-Z][A-Z]-[A-Z0-9]*'),
    PRIMARY KEY (batch_id, region)
) STRICT, WITHOUT ROWID;
CREATE INDEX batch_region_by_region ON batch_region(region);

-- Announcements about a batch: what was said, by whom, when.
CREATE TABLE batch_source (
    id        INTEGER PRIMARY KEY,
    batch_id  INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
    text      TEXT NOT NULL CHECK (length(text) > 0),
    said_by   TEXT,
    said_on   TEXT CHECK (said_on IS NULL OR said_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) STRICT;

-- Status history; batch.status is the newest row's status.
CREATE TABLE batch_status_change (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('announced', 'completed', 'postponed', 'disputed')),
    note        TEXT NOT NULL CHECK (length(note) > 0),
    changed_at  TEXT NOT NULL,
    changed_by  INTEGER NOT NULL REFERENCES app_user(id)
) STRICT;
CREATE INDEX batch_status_change_by_batch ON batch_status_change(batch_id, id);

-- Volunteers work on the batches assigned to them.
CREATE TABLE batch_assignment (
    user_id   INTEGER NOT NULL REFERENCES app_user(id),
    batch_id  INTEGER NOT NULL REFERENCES batch(id),
    PRIMARY KEY (user_id, batch_id)
) STRICT, WITHOUT ROWID;

-- One returned prisoner or set of remains, addressed as CODE/TAG.
CREATE TABLE returned_record (
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
    UNIQUE (batch_id, tag),
    CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max)
) STRICT;
CREATE INDEX returned_record_by_service_number ON returned_record(service_number_key) WHERE service_number_key IS NOT NULL;
