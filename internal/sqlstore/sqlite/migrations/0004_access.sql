-- Access (package access): the organizations taking part in the platform,
-- their accounts and machine clients, and the proofs they carry (browser
-- sessions, OAuth access tokens). Secrets are stored only as hashes:
-- argon2id for passwords and client secrets, SHA-256 for random tokens.
-- Roles are a space-separated text column (the same form as an OAuth
-- scope): every request reads them with the account in one row, the set is
-- small and checked by the service, and nothing queries accounts by role at
-- scale, so a join table would buy nothing but a second write.
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('operator', 'provider', 'institution', 'enterprise', 'regulator')),
    name TEXT NOT NULL,
    code TEXT UNIQUE, -- USCC or department code; NULL when unknown
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organizations_kind_name_idx ON organizations (kind, name);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations (id),
    username TEXT NOT NULL UNIQUE, -- lower case
    display_name TEXT NOT NULL,
    roles TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_login_at TEXT
);
CREATE INDEX users_org_id_idx ON users (org_id, username);

-- token_hash is the hex SHA-256 of the cookie value; the cookie itself is
-- never stored, so a copy of this table opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE api_clients (
    client_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    roles TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX api_clients_org_id_idx ON api_clients (org_id);

CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES api_clients (client_id) ON DELETE CASCADE,
    roles TEXT NOT NULL, -- granted scope
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX access_tokens_client_id_idx ON access_tokens (client_id);
CREATE INDEX access_tokens_expires_at_idx ON access_tokens (expires_at);

-- Failed sign-ins per user name (known or not) and client address. Kept in
-- the database so that every process of a node applies the same lockout.
CREATE TABLE login_failures (
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    failures INTEGER NOT NULL,
    first_failed_at TEXT NOT NULL,
    last_failed_at TEXT NOT NULL,
    locked_until TEXT,
    PRIMARY KEY (username, ip)
);
CREATE INDEX login_failures_last_failed_at_idx ON login_failures (last_failed_at);
