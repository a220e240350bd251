-- +goose Up
-- Which system metrics track which driver (one to three per driver), and
-- which way is good. The default drivers start with the links the
-- programme devpulse follows recommends.
CREATE TABLE metric_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    driver_id   INTEGER NOT NULL REFERENCES drivers (id),
    metric_name TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('lower', 'higher')),
    created_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX metric_links_key ON metric_links (driver_id, metric_name);

INSERT INTO metric_links (driver_id, metric_name, direction, created_at)
SELECT d.id, l.metric_name, 'lower', CURRENT_TIMESTAMP
FROM drivers d JOIN (
    SELECT 'ci_reliability' AS driver_key, 'ci_failure_rate' AS metric_name
    UNION ALL SELECT 'build_test_speed', 'ci_duration_p50_minutes'
    UNION ALL SELECT 'onboarding', 'days_to_10th_pr'
    UNION ALL SELECT 'deploy_process', 'change_failure_rate'
) AS l ON l.driver_key = d.key;

-- +goose Down
DROP TABLE metric_links;
