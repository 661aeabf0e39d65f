-- 0040_account_merges (F-IN-5): one customer under many names. A merge moves everything of the
-- merged account to the survivor and records enough to undo it exactly (kam_core.accounts.merge).
--
-- Revenue lines keep the key their file gave in source_account_key when a merge (or an alias at
-- intake) put them in another account; NULL means "in the account it was loaded into", so files
-- loaded before this migration need no rewrite.
ALTER TABLE revenue_lines ADD COLUMN IF NOT EXISTS source_account_key VARCHAR;
ALTER TABLE revenue_lines_archive ADD COLUMN IF NOT EXISTS source_account_key VARCHAR;

-- One row per merged account. While unmerged_at is NULL the merge is in force, and merged_key is
-- a remembered alias: a later file with that key (or name) lands in survivor_key.
CREATE SEQUENCE IF NOT EXISTS account_merge_id_seq START 1;
CREATE TABLE IF NOT EXISTS account_merges (
    merge_id           INTEGER PRIMARY KEY DEFAULT nextval('account_merge_id_seq'),
    survivor_key       VARCHAR NOT NULL,
    merged_key         VARCHAR NOT NULL,
    -- the merged account's row of accounts, taken out by the merge and put back by an unmerge
    merged_name        VARCHAR NOT NULL,
    merged_account_id  VARCHAR,
    merged_first_batch INTEGER,
    merged_created_at  TIMESTAMP NOT NULL,
    score              DOUBLE,           -- the suggestion's score (0-1) when it came from one
    lines_moved        BIGINT NOT NULL,  -- revenue lines moved, and their net amount
    revenue_moved      DOUBLE NOT NULL,
    moved              JSON NOT NULL,    -- {table: [row ids or key parts]} moved to the survivor
    kept               JSON NOT NULL,    -- {table: n} rows left under merged_key (survivor had one)
    merged_by          VARCHAR NOT NULL,
    merged_at          TIMESTAMP NOT NULL,  -- UTC
    unmerged_by        VARCHAR,
    unmerged_at        TIMESTAMP            -- NULL while the merge is in force
);

-- "Not the same company": suggestion pairs a user turned down (key_a < key_b), not suggested again.
CREATE TABLE IF NOT EXISTS account_merge_dismissals (
    key_a        VARCHAR NOT NULL,
    key_b        VARCHAR NOT NULL,
    dismissed_by VARCHAR NOT NULL,
    dismissed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (key_a, key_b)
);
