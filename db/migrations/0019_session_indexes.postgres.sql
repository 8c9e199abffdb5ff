-- The sessions table's lookups on PostgreSQL: a browser's cookie (token), a login code being
-- swapped, and every session of one account (sign-out elsewhere, disable, password change).
-- On DuckDB this number is 0019_session_indexes.sql, which creates none (see 0018).

CREATE INDEX IF NOT EXISTS sessions_token ON sessions (token_hash);
CREATE INDEX IF NOT EXISTS sessions_code ON sessions (code_hash);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id, revoked_at);
