-- +goose Up
-- The default driver library: the inner and outer development loop, in our own words.
INSERT INTO drivers (key, name, category, statement, position, created_at, updated_at) VALUES
('local_env',         'Local environment setup',       'Inner loop',        'I can get a working development environment for my code quickly, and it keeps working.', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('build_test_speed',  'Build and test speed',          'Inner loop',        'Building my code and running its tests is fast enough that I rarely wait.', 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('codebase_health',   'Codebase health',               'Inner loop',        'The code I work in is easy to understand and safe to change.', 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('onboarding',        'Onboarding to a new codebase',  'Inner loop',        'I can become productive in an unfamiliar part of our codebase quickly.', 4, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('ai_assistants',     'AI coding assistants',          'Inner loop',        'The AI coding assistants available to me make my work better.', 5, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('ci_reliability',    'CI reliability',                'Outer loop',        'Our CI gives me trustworthy results: when it fails, something is really wrong.', 6, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('code_review',       'Code review turnaround',        'Outer loop',        'My changes get a thoughtful review without a long wait.', 7, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('deploy_process',    'Deployment process',            'Outer loop',        'Shipping a change to production is simple, safe and quick.', 8, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('prod_debugging',    'Production debugging',          'Operations',        'When something goes wrong in production, I can find the cause quickly.', 9, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('observability',     'Observability',                 'Operations',        'I have the metrics, logs and traces I need to understand how my services behave.', 10, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('incident_response', 'Incident response',             'Operations',        'Incidents are handled calmly, with clear roles, and we learn from them.', 11, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('documentation',     'Documentation',                 'Knowledge',         'I can find accurate, current documentation for the systems I work with.', 12, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('cross_team',        'Cross-team dependencies',       'Collaboration',     'Work that depends on other teams moves without long waits.', 13, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('requirements',      'Clarity of requirements',       'Collaboration',     'I understand what I am building and why before I start.', 14, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('focus_time',        'Focus time',                    'Ways of working',   'I get enough uninterrupted time for deep work.', 15, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- +goose Down
DELETE FROM drivers WHERE key IN ('local_env', 'build_test_speed', 'codebase_health', 'onboarding', 'ai_assistants',
    'ci_reliability', 'code_review', 'deploy_process', 'prod_debugging', 'observability', 'incident_response',
    'documentation', 'cross_team', 'requirements', 'focus_time');
