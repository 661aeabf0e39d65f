-- 0020_account_360: our people, account teams, relationship map, account plans, activities.
-- Every row a user edits keeps updated_by / updated_at (UTC) so staleness can be shown.
-- Contacts are archived (archived_at), never deleted: the history of a relationship stays.

CREATE SEQUENCE IF NOT EXISTS person_id_seq START 1;
CREATE TABLE IF NOT EXISTS people (
    person_id   INTEGER PRIMARY KEY DEFAULT nextval('person_id_seq'),
    name        VARCHAR NOT NULL UNIQUE,
    role        VARCHAR NOT NULL DEFAULT 'kam',     -- kam | sales | technical | service | executive
    capacity    DOUBLE NOT NULL DEFAULT 10,         -- workload points this person can carry
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    updated_by  VARCHAR,
    updated_at  TIMESTAMP NOT NULL
);

-- Lead KAM and team members per account (one lead at most, enforced in kam_core.team).
CREATE TABLE IF NOT EXISTS account_team (
    account_key VARCHAR NOT NULL,
    person_id   INTEGER NOT NULL,
    team_role   VARCHAR NOT NULL,                   -- lead | member
    updated_by  VARCHAR,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (account_key, person_id)
);

-- Account effort factor (1 = normal) used by the workload model.
CREATE TABLE IF NOT EXISTS account_effort (
    account_key VARCHAR PRIMARY KEY,
    effort      DOUBLE NOT NULL DEFAULT 1,
    updated_by  VARCHAR,
    updated_at  TIMESTAMP NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS contact_id_seq START 1;
CREATE TABLE IF NOT EXISTS contacts (
    contact_id    INTEGER PRIMARY KEY DEFAULT nextval('contact_id_seq'),
    account_key   VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    title         VARCHAR,
    department    VARCHAR,
    reports_to    INTEGER,                          -- contact_id of the manager (same account)
    buying_role   VARCHAR NOT NULL DEFAULT 'user',
    influence     VARCHAR NOT NULL DEFAULT 'medium', -- high | medium | low
    stance        VARCHAR NOT NULL DEFAULT 'neutral',
    last_contact  DATE,
    notes         VARCHAR,
    archived_at   TIMESTAMP,
    archived_by   VARCHAR,
    updated_by    VARCHAR,
    updated_at    TIMESTAMP NOT NULL
);

-- Which of our people know a contact, at what level now and at what level we want.
CREATE TABLE IF NOT EXISTS contact_coverage (
    contact_id     INTEGER NOT NULL,
    person_id      INTEGER NOT NULL,
    level_current  VARCHAR NOT NULL DEFAULT 'none', -- none | brief | regular | trusted
    level_desired  VARCHAR NOT NULL DEFAULT 'regular',
    updated_by     VARCHAR,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (contact_id, person_id)
);

-- Informal influence: from_contact influences to_contact.
CREATE TABLE IF NOT EXISTS influence_lines (
    from_contact INTEGER NOT NULL,
    to_contact   INTEGER NOT NULL,
    updated_by   VARCHAR,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (from_contact, to_contact)
);

-- Free-text plan fields per account and year (value proposition, differentiator, SWOT).
CREATE TABLE IF NOT EXISTS plan_texts (
    account_key VARCHAR NOT NULL,
    plan_year   INTEGER NOT NULL,
    field       VARCHAR NOT NULL,
    content     VARCHAR,
    updated_by  VARCHAR,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (account_key, plan_year, field)
);

CREATE SEQUENCE IF NOT EXISTS plan_item_id_seq START 1;

CREATE TABLE IF NOT EXISTS plan_objectives (
    objective_id   INTEGER PRIMARY KEY DEFAULT nextval('plan_item_id_seq'),
    account_key    VARCHAR NOT NULL,
    plan_year      INTEGER NOT NULL,
    description    VARCHAR NOT NULL,
    revenue_target DOUBLE,                           -- revenue objective for the year, if any
    updated_by     VARCHAR,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS competitors (
    competitor_id   INTEGER PRIMARY KEY DEFAULT nextval('plan_item_id_seq'),
    account_key     VARCHAR NOT NULL,
    plan_year       INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    share_of_wallet DOUBLE,                          -- fraction 0-1
    threat          VARCHAR NOT NULL DEFAULT 'medium',
    notes           VARCHAR,
    updated_by      VARCHAR,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS opportunities (
    opportunity_id   INTEGER PRIMARY KEY DEFAULT nextval('plan_item_id_seq'),
    account_key      VARCHAR NOT NULL,
    plan_year        INTEGER NOT NULL,
    name             VARCHAR NOT NULL,
    value            DOUBLE,
    stage            VARCHAR NOT NULL DEFAULT 'identified',
    expected_quarter VARCHAR,                        -- YYYY-Qn
    updated_by       VARCHAR,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS risks (
    risk_id     INTEGER PRIMARY KEY DEFAULT nextval('plan_item_id_seq'),
    account_key VARCHAR NOT NULL,
    plan_year   INTEGER NOT NULL,
    description VARCHAR NOT NULL,
    impact      VARCHAR NOT NULL DEFAULT 'medium',
    mitigation  VARCHAR,
    updated_by  VARCHAR,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS plan_actions (
    action_id   INTEGER PRIMARY KEY DEFAULT nextval('plan_item_id_seq'),
    account_key VARCHAR NOT NULL,
    plan_year   INTEGER NOT NULL,
    description VARCHAR NOT NULL,
    owner       VARCHAR,                             -- one of our people (name)
    due_date    DATE,
    status      VARCHAR NOT NULL DEFAULT 'open',     -- open | in_progress | done
    updated_by  VARCHAR,
    updated_at  TIMESTAMP NOT NULL
);

-- Last edit per section (plan sections and the relationship map, plan_year 0 for the map).
CREATE TABLE IF NOT EXISTS section_edits (
    account_key VARCHAR NOT NULL,
    plan_year   INTEGER NOT NULL,
    section     VARCHAR NOT NULL,
    updated_by  VARCHAR,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (account_key, plan_year, section)
);

CREATE SEQUENCE IF NOT EXISTS activity_id_seq START 1;
CREATE TABLE IF NOT EXISTS activities (
    activity_id    INTEGER PRIMARY KEY DEFAULT nextval('activity_id_seq'),
    account_key    VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,                 -- meeting | call | request | problem
    subject        VARCHAR NOT NULL,
    opened_on      DATE NOT NULL,
    responded_on   DATE,
    resolved_on    DATE,
    person         VARCHAR,                          -- who of ours handled it
    notes          VARCHAR,
    updated_by     VARCHAR,
    updated_at     TIMESTAMP NOT NULL
);
