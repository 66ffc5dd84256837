-- 0006_import: lets an import look up the persons it may duplicate by the keys in its file,
-- instead of reading every recorded person first (DuplicateScan, Sources/HomewardCore/Import).
-- Service numbers already have person_by_service_number; names and date of birth are looked
-- up by the date, then compared.

CREATE INDEX person_by_birth ON person(date_of_birth) WHERE date_of_birth IS NOT NULL;
