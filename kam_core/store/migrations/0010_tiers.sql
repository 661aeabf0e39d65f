-- 0010_tiers: strategic key-account marks and exclusions (who / when / why), and the user's
-- attractiveness and strength ratings for the KAM portfolio matrix. History is kept: a mark is
-- never deleted, it is closed (removed_by / removed_at) when replaced or withdrawn.
CREATE SEQUENCE IF NOT EXISTS account_mark_id_seq START 1;

CREATE TABLE IF NOT EXISTS account_marks (
    mark_id     INTEGER PRIMARY KEY DEFAULT nextval('account_mark_id_seq'),
    account_key VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,      -- 'key' (strategic key account) | 'exclude'
    reason      VARCHAR NOT NULL,      -- brand_image | strategic_fit | geographic_presence |
                                       -- segment | growth_potential | other
    note        VARCHAR,               -- free text: why (required for 'other' and 'exclude')
    marked_by   VARCHAR NOT NULL,
    marked_at   TIMESTAMP NOT NULL,    -- UTC
    removed_by  VARCHAR,
    removed_at  TIMESTAMP              -- NULL while the mark is in force
);

CREATE TABLE IF NOT EXISTS account_ratings (
    account_key    VARCHAR PRIMARY KEY,
    attractiveness DOUBLE,             -- 1 (low) .. 5 (high): how attractive the account is to us
    strength       DOUBLE,             -- 1 (weak) .. 5 (strong): our position versus competitors
    rated_by       VARCHAR NOT NULL,
    rated_at       TIMESTAMP NOT NULL
);
