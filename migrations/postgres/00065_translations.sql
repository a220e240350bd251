-- +goose Up
-- Admins' translations of what respondents read: a driver's name and
-- statement, a question's prompt, help and options, a section's title.
-- One row per object, field and language; English stays in the objects
-- themselves and is what shows where no translation is given.
CREATE TABLE translations (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('driver', 'question', 'section')),
    object_id  BIGINT NOT NULL,
    field      TEXT NOT NULL,
    lang       TEXT NOT NULL,
    text       TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX translations_key ON translations (kind, object_id, field, lang);

-- Spanish for the default drivers, where an admin has not reworded them.
CREATE TEMPORARY TABLE default_driver_es AS
SELECT * FROM (VALUES
    ('local_env', 'Local environment setup', 'Configuración del entorno local', 'I can get a working development environment for my code quickly, and it keeps working.', 'Puedo preparar rápidamente un entorno de desarrollo que funciona para mi código, y sigue funcionando.'),
    ('build_test_speed', 'Build and test speed', 'Velocidad de compilación y pruebas', 'Building my code and running its tests is fast enough that I rarely wait.', 'Compilar mi código y ejecutar sus pruebas es lo bastante rápido como para que rara vez tenga que esperar.'),
    ('codebase_health', 'Codebase health', 'Salud del código', 'The code I work in is easy to understand and safe to change.', 'El código en el que trabajo es fácil de entender y seguro de cambiar.'),
    ('onboarding', 'Onboarding to a new codebase', 'Incorporación a un código nuevo', 'I can become productive in an unfamiliar part of our codebase quickly.', 'Puedo ser productivo rápidamente en una parte de nuestro código que no conozco.'),
    ('ai_assistants', 'AI coding assistants', 'Asistentes de programación con IA', 'The AI coding assistants available to me make my work better.', 'Los asistentes de programación con IA que tengo a mi alcance mejoran mi trabajo.'),
    ('ci_reliability', 'CI reliability', 'Fiabilidad de la CI', 'Our CI gives me trustworthy results: when it fails, something is really wrong.', 'Nuestra CI me da resultados fiables: cuando falla, algo va mal de verdad.'),
    ('code_review', 'Code review turnaround', 'Rapidez de la revisión de código', 'My changes get a thoughtful review without a long wait.', 'Mis cambios reciben una revisión cuidadosa sin una larga espera.'),
    ('deploy_process', 'Deployment process', 'Proceso de despliegue', 'Shipping a change to production is simple, safe and quick.', 'Llevar un cambio a producción es sencillo, seguro y rápido.'),
    ('prod_debugging', 'Production debugging', 'Depuración en producción', 'When something goes wrong in production, I can find the cause quickly.', 'Cuando algo falla en producción, puedo encontrar la causa rápidamente.'),
    ('observability', 'Observability', 'Observabilidad', 'I have the metrics, logs and traces I need to understand how my services behave.', 'Tengo las métricas, los registros y las trazas que necesito para entender cómo se comportan mis servicios.'),
    ('incident_response', 'Incident response', 'Respuesta a incidentes', 'Incidents are handled calmly, with clear roles, and we learn from them.', 'Los incidentes se gestionan con calma, con funciones claras, y aprendemos de ellos.'),
    ('documentation', 'Documentation', 'Documentación', 'I can find accurate, current documentation for the systems I work with.', 'Encuentro documentación precisa y actualizada de los sistemas con los que trabajo.'),
    ('cross_team', 'Cross-team dependencies', 'Dependencias entre equipos', 'Work that depends on other teams moves without long waits.', 'El trabajo que depende de otros equipos avanza sin largas esperas.'),
    ('requirements', 'Clarity of requirements', 'Claridad de los requisitos', 'I understand what I am building and why before I start.', 'Entiendo qué estoy construyendo y por qué antes de empezar.'),
    ('focus_time', 'Focus time', 'Tiempo de concentración', 'I get enough uninterrupted time for deep work.', 'Tengo suficiente tiempo sin interrupciones para el trabajo profundo.')
) AS l (driver_key, en_name, es_name, en_statement, es_statement);

INSERT INTO translations (kind, object_id, field, lang, text, updated_at)
SELECT 'driver', d.id, 'name', 'es', l.es_name, CURRENT_TIMESTAMP
FROM drivers d JOIN default_driver_es l ON l.driver_key = d.key AND l.en_name = d.name;

INSERT INTO translations (kind, object_id, field, lang, text, updated_at)
SELECT 'driver', d.id, 'statement', 'es', l.es_statement, CURRENT_TIMESTAMP
FROM drivers d JOIN default_driver_es l ON l.driver_key = d.key AND l.en_statement = d.statement;

DROP TABLE default_driver_es;

-- +goose Down
DROP TABLE translations;
