-- +goose Up
-- Structured benchmark segments: the work arrangement ('remote', 'hybrid',
-- 'office') and company size band (e.g. '1000-5000') a row is for, '' for
-- any, so a team can be compared with the benchmark of its own segment.
ALTER TABLE benchmarks ADD COLUMN work_arrangement TEXT NOT NULL DEFAULT '';
ALTER TABLE benchmarks ADD COLUMN company_size TEXT NOT NULL DEFAULT '';
-- Rows stored before, labelled with a work arrangement alone, are that
-- arrangement's segment.
UPDATE benchmarks SET work_arrangement = LOWER(segment) WHERE LOWER(segment) IN ('remote', 'hybrid', 'office');
CREATE INDEX benchmarks_segments ON benchmarks (driver_key, work_arrangement, company_size);

-- +goose Down
DROP INDEX benchmarks_segments;
ALTER TABLE benchmarks DROP COLUMN company_size;
ALTER TABLE benchmarks DROP COLUMN work_arrangement;
