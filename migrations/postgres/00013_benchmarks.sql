-- +goose Up
-- External benchmark percentiles of favorable scores (0..100 points), one row
-- per driver and segment of a set; a set is a source and a year, and an
-- import replaces a set whole. segment 'All' means everyone.
CREATE TABLE benchmarks (
    id         BIGSERIAL PRIMARY KEY,
    driver_key TEXT NOT NULL REFERENCES drivers (key),
    segment    TEXT NOT NULL,
    p25        INTEGER NOT NULL CHECK (p25 BETWEEN 0 AND 100),
    p50        INTEGER NOT NULL CHECK (p50 BETWEEN 0 AND 100),
    p75        INTEGER NOT NULL CHECK (p75 BETWEEN 0 AND 100),
    p90        INTEGER NOT NULL CHECK (p90 BETWEEN 0 AND 100),
    source     TEXT NOT NULL,
    year       INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (driver_key, segment, source, year),
    CHECK (p25 <= p50 AND p50 <= p75 AND p75 <= p90)
);
CREATE INDEX benchmarks_set ON benchmarks (source, year);

-- +goose Down
DROP TABLE benchmarks;
