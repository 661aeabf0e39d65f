-- 0070_users_audit (issue 12): who may do what, and who changed what.
--
-- users: the people allowed in when the app signs users in (st.login, `[auth]` in secrets.toml).
-- The email is the identity provider's `email` claim, lower-case. person_id links a user to one
-- of our people: a `kam` edits the accounts that person leads or is on the team of.
-- Without `[auth]` (local mode) and on the command line nobody signs in: one local user with
-- every right (kam_core.store.authz).
CREATE TABLE IF NOT EXISTS users (
    email       VARCHAR PRIMARY KEY,
    name        VARCHAR,
    role        VARCHAR NOT NULL,      -- viewer | kam | director | admin
    person_id   INTEGER,               -- people.person_id (their accounts), or NULL
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,    -- UTC
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- audit_log: one row per changed thing, written in the same transaction as the change
-- (kam_core.store.audit). Rows are only ever added; a restore keeps them, an erasure anonymises
-- the values that named the erased person. `account` is the account the change belongs to (the
-- account page's history); deliberately not named account_key: a merge moves an account's rows
-- to the survivor, but history stays what it was.
CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (
    audit_id      BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    changed_at    TIMESTAMP NOT NULL,  -- UTC
    actor         VARCHAR NOT NULL,    -- the signed-in email, or the local user's name
    action        VARCHAR NOT NULL,    -- create | update | delete | archive | erase | ...
    entity        VARCHAR NOT NULL,    -- what kind of thing: a table name (contacts, settings...)
    entity_key    VARCHAR,             -- which one: its id or key
    account       VARCHAR,             -- the account it belongs to, if any
    before_values JSON,                -- the changed values before (NULL for a creation)
    after_values  JSON                 -- and after (NULL for a deletion)
);

-- A contact's email (personal data: exported and erased with the rest, kam_core.accounts.privacy)
-- and, once erased on request, when and by whom (the row stays, anonymised, for the history).
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS email VARCHAR;
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS erased_at TIMESTAMP;
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS erased_by VARCHAR;
