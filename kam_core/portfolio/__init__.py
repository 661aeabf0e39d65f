"""Portfolio and tiers pages domain: filters and periods, revenue reads, the JSON report, tiers and
key accounts. Imports ``store``, ``analytics``, ``common``, ``i18n``."""
