"""The only package that knows the database: connection, migrations and stores (DuckDB)."""
