-- 0001_core: identity of the database, accounts, sessions and the audit trail.
-- Shipped migrations are never edited; later changes go into new numbered files.

-- One row: the random identity that session tokens are bound to.
CREATE TABLE database_identity (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    id          TEXT NOT NULL CHECK (length(id) = 32),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE app_user (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL COLLATE NOCASE UNIQUE
                        CHECK (length(name) BETWEEN 2 AND 64),
    role                TEXT NOT NULL
                        CHECK (role IN ('admin', 'coordinator', 'volunteer', 'auditor')),
    password_hash       TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    status              TEXT NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'disabled')),
    failed_logins       INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until        TEXT,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
) STRICT;

-- Only the SHA-256 of a session token is stored; the token itself never reaches the file.
CREATE TABLE session (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES app_user(id),
    token_hash    BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at    TEXT NOT NULL,
    last_used_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_why   TEXT CHECK (revoked_why IN ('logout', 'admin', 'password', 'disabled', 'role'))
) STRICT;
CREATE INDEX session_by_user ON session(user_id) WHERE revoked_at IS NULL;

-- Append-only audit trail. Each row's hash is SHA-256(prev_hash || canonical encoding of the
-- row), so altering, removing or reordering a row breaks the chain at that row.
CREATE TABLE audit_event (
    seq          INTEGER PRIMARY KEY CHECK (seq >= 1),
    at           TEXT NOT NULL,
    actor_id     INTEGER,
    actor_name   TEXT,
    action       TEXT NOT NULL CHECK (length(action) > 0),
    entity_type  TEXT,
    entity_id    TEXT,
    outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    details      TEXT NOT NULL CHECK (json_valid(details)),
    prev_hash    BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32)
) STRICT;
CREATE INDEX audit_event_by_actor ON audit_event(actor_name, seq);
CREATE INDEX audit_event_by_action ON audit_event(action, seq);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
