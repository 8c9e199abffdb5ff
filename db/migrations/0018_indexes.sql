-- Indexes are PostgreSQL's (0018_indexes.postgres.sql replaces this file there). DuckDB gets
-- none: its scans with zone maps serve these lookups, and an index would forbid every later
-- ALTER TABLE of its table. The number is kept on both engines so that a schema version means
-- the same schema everywhere.
SELECT 1;
