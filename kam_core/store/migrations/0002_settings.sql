-- 0002_settings: user-edited values of the settings declared in kam_core/settings.py.
CREATE TABLE IF NOT EXISTS settings (
    key        VARCHAR PRIMARY KEY,
    value      JSON NOT NULL,
    updated_by VARCHAR,
    updated_at TIMESTAMP NOT NULL
);
