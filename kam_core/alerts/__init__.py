"""Early warnings per key account (F-PA-8): gathers revenue, orders, products and the relationship
map, runs the pure rules in ``analytics`` and keeps acknowledgements. Imports ``accounts`` and below."""
