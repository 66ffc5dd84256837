-- 0005_reports: the centre's own settings (its name and how families reach it), which
-- family reports print instead of anything written into the code.

-- One value per key. Keys are a fixed, documented set checked by the core (SettingKey);
-- a key may carry a language suffix (centre.name.en) that reports in that language prefer.
CREATE TABLE setting (
    key         TEXT PRIMARY KEY CHECK (key GLOB '[a-z]*.[a-z]*' AND length(key) <= 64),
    value       TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 500),
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER NOT NULL REFERENCES app_user(id)
) STRICT, WITHOUT ROWID;
