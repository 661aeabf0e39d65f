"""Cross-cutting pieces with no I/O: domain errors, vocabularies, quarter arithmetic, form-field
validation and formula-safe exports. May import only ``kam_core.i18n``."""
