-- 0003_ingest_archive: lines taken out by a replace (same file again, or replace-period) are moved
-- here instead of deleted, so undoing the replacing batch puts them back and every figure returns
-- exactly to what it was. archived_by = the batch whose commit moved them.
CREATE TABLE IF NOT EXISTS revenue_lines_archive (
    archived_by   INTEGER NOT NULL,
    batch_id      INTEGER NOT NULL,
    source_row    INTEGER NOT NULL,
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

-- Who removed a batch, and which batch replaced it (replace / replace-period).
ALTER TABLE batches ADD COLUMN IF NOT EXISTS removed_by VARCHAR;
ALTER TABLE batches ADD COLUMN IF NOT EXISTS replaced_by INTEGER;
