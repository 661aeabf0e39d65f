"""The deterministic demo portfolio and its Account 360 data (built through ``store``)."""
