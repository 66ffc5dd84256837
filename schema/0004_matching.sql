-- 0004_matching: links between persons and batches or returned records (proposed by the
-- matcher, decided by a person), and the identification history of returned records.

-- A link says "this person may be (or is) this returned record", or, with no record, "this
-- batch may concern this person". The matcher writes candidates with their score (log10 of
-- the combined likelihood ratio) and one reason per factor; only a person confirms or
-- rejects. A rejected link is kept so that matching never proposes it again.
CREATE TABLE link (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES person(id),
    -- The inquiry the person was matched through (its reference is what coordinators see).
    inquiry_id       INTEGER NOT NULL REFERENCES inquiry(id),
    batch_id         INTEGER NOT NULL REFERENCES batch(id),
    record_id        INTEGER REFERENCES returned_record(id),
    state            TEXT NOT NULL DEFAULT 'candidate' CHECK (state IN ('candidate', 'confirmed', 'rejected')),
    score            REAL NOT NULL,
    reasons          TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
    created_at       TEXT NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES app_user(id),
    scored_at        TEXT NOT NULL,
    decided_at       TEXT,
    decided_by       INTEGER REFERENCES app_user(id),
    decision_reason  TEXT CHECK (decision_reason IS NULL OR length(decision_reason) BETWEEN 1 AND 4000),
    CHECK ((state = 'candidate') = (decided_at IS NULL)),
    CHECK ((decided_at IS NULL) = (decided_by IS NULL)),
    CHECK (state <> 'rejected' OR decision_reason IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX link_by_record_person ON link(record_id, person_id) WHERE record_id IS NOT NULL;
CREATE UNIQUE INDEX link_by_batch_person ON link(batch_id, person_id) WHERE record_id IS NULL;
-- One record has at most one confirmed link.
CREATE UNIQUE INDEX link_confirmed_per_record ON link(record_id) WHERE state = 'confirmed' AND record_id IS NOT NULL;
CREATE INDEX link_by_person ON link(person_id, state);
CREATE INDEX link_by_inquiry ON link(inquiry_id, state);
CREATE INDEX link_by_batch ON link(batch_id, state);

-- The identification history of a returned record, append-only; the current status is
-- derived from it (a record with no event is `received`, or `arrived` for a returnee).
-- `proposal` rows are identifications waiting for their confirmations (four-eyes);
-- `confirmation` rows point at the proposal they confirm; `change` rows are in effect.
CREATE TABLE identification_event (
    id            INTEGER PRIMARY KEY,
    record_id     INTEGER NOT NULL REFERENCES returned_record(id),
    kind          TEXT NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'proposal', 'confirmation')),
    status        TEXT NOT NULL CHECK (status IN (
                      'received', 'examination', 'dna_sampled', 'match_candidate', 'identified',
                      'family_notified', 'released_to_family', 'unidentifiable', 'on_hold', 'revoked',
                      'arrived', 'identity_verified')),
    proposal_id   INTEGER REFERENCES identification_event(id),
    method        TEXT CHECK (method IS NULL OR method IN ('dna', 'fingerprints', 'dental', 'documents', 'visual', 'other')),
    evidence      TEXT CHECK (evidence IS NULL OR length(evidence) BETWEEN 1 AND 200),
    note          TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 4000),
    notified_via  TEXT CHECK (notified_via IS NULL OR notified_via IN ('in_person', 'phone', 'video', 'letter', 'email')),
    link_id       INTEGER REFERENCES link(id),
    actor_id      INTEGER NOT NULL REFERENCES app_user(id),
    at            TEXT NOT NULL,
    CHECK (kind <> 'confirmation' OR proposal_id IS NOT NULL),
    CHECK (status <> 'revoked' OR note IS NOT NULL)
) STRICT;
CREATE INDEX identification_event_by_record ON identification_event(record_id, id);
CREATE TRIGGER identification_event_no_update BEFORE UPDATE ON identification_event
BEGIN SELECT RAISE(ABORT, 'identification history is append-only'); END;
CREATE TRIGGER identification_event_no_delete BEFORE DELETE ON identification_event
BEGIN SELECT RAISE(ABORT, 'identification history is append-only'); END;
