"""The database: the one DuckDB connection factory, schema migrations, the one writer (lock +
transaction), the settings list, the exchange rates (``rates``: the conversion of stored
lines), who may do what (``authz``), the users and the audit log. The only package that
imports duckdb; imports ``common`` and ``i18n`` only."""
