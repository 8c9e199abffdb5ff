-- Indexes are PostgreSQL's (0019_session_indexes.postgres.sql replaces this file there); DuckDB
-- gets none, as in 0018. The number is kept on both engines.
SELECT 1;
