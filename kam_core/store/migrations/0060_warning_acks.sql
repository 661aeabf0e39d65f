-- 0060_warning_acks (F-PA-8): acknowledgements of a key account's early warnings.
-- A user who has looked at an account's warnings acknowledges them with a note; the row keeps who,
-- when, the quarter they were judged on and their severity (kam_core.analytics.warning_rules
-- severity_signature: per kind the revenue at stake, a fall's length and start, the items
-- involved). The account's latest row is the one in force: an acknowledged warning stays quiet
-- until it is worse than this signature. Rows are never updated or deleted (the history stays).
CREATE SEQUENCE IF NOT EXISTS warning_ack_id_seq START 1;

CREATE TABLE IF NOT EXISTS warning_acks (
    ack_id          INTEGER PRIMARY KEY DEFAULT nextval('warning_ack_id_seq'),
    account_key     VARCHAR NOT NULL,
    as_of_quarter   VARCHAR NOT NULL,   -- YYYY-Qn: the last complete quarter the warnings judged
    kinds           VARCHAR[] NOT NULL, -- warning kinds acknowledged
    signature       JSON NOT NULL,      -- {kind: {"stake": .., "quarters": .., "since": .., "items": [..]}}
    note            VARCHAR NOT NULL,   -- why it is under control (free text)
    acknowledged_by VARCHAR NOT NULL,
    acknowledged_at TIMESTAMP NOT NULL  -- UTC
);
