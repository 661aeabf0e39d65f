"""Plotly figure builders, one theme, one module per screen: data in, Figure out, no I/O.
Imports domain vocabularies, ``analytics``, ``common`` and ``i18n``; never the database."""
