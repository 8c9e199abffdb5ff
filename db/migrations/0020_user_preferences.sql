-- Each account's own choices, which follow it to every device and survive a reload: the
-- language of its screens (one of i18n.LANGUAGES, checked by services/accounts.py; an account
-- without a row sees the instance's default).
CREATE TABLE IF NOT EXISTS user_preferences (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id),
    language    VARCHAR NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
