-- 0001_initial: upload batches, accounts and revenue lines.
-- Amounts are in the file's currency; quarter is 'YYYY-Qn'; timestamps are UTC.

CREATE SEQUENCE IF NOT EXISTS batch_id_seq START 1;

CREATE TABLE IF NOT EXISTS batches (
    batch_id      INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    rows_loaded   INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    quarters      VARCHAR[],
    total_amount  DOUBLE NOT NULL,
    mapping       JSON,
    source_format VARCHAR,            -- e.g. 'csv utf-8 ;' / 'xlsx'
    uploaded_by   VARCHAR,
    uploaded_at   TIMESTAMP NOT NULL,
    status        VARCHAR NOT NULL DEFAULT 'active',   -- active | removed | replaced
    removed_at    TIMESTAMP,
    note          VARCHAR
);

CREATE TABLE IF NOT EXISTS accounts (
    account_key   VARCHAR PRIMARY KEY,  -- id column when the file has one, else the normalised name
    account_name  VARCHAR NOT NULL,
    account_id    VARCHAR,
    first_batch   INTEGER,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS revenue_lines (
    batch_id      INTEGER NOT NULL,
    source_row    INTEGER NOT NULL,     -- 1-based line number in the uploaded file
    account_key   VARCHAR NOT NULL,
    line_date     DATE,
    quarter       VARCHAR NOT NULL,
    amount        DOUBLE NOT NULL,
    quantity      DOUBLE,
    unit_price    DOUBLE,
    invoice       VARCHAR,
    product       VARCHAR,
    product_line  VARCHAR,
    region        VARCHAR,
    country       VARCHAR,
    segment       VARCHAR,
    kam           VARCHAR,
    margin        DOUBLE,
    currency      VARCHAR
);

CREATE TABLE IF NOT EXISTS app_state (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
INSERT INTO app_state VALUES ('data_version', '0') ON CONFLICT DO NOTHING;

-- Remembered column mappings, one per file layout (hash of the normalised header).
CREATE TABLE IF NOT EXISTS column_mappings (
    layout_hash VARCHAR PRIMARY KEY,
    columns     VARCHAR[],
    mapping     JSON NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
