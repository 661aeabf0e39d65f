"""The database: the one DuckDB connection factory, schema migrations, the one writer (lock +
transaction) and the settings list. The only package that imports duckdb; imports ``common`` and
``i18n`` only."""
