"""Early warnings per key account (F-PA-8): ``inputs`` gathers revenue, orders, product lines, the
relationship map, plan and activity dates for many accounts in a few queries; ``early_warnings``
runs the pure rules of ``analytics.warning_rules`` and the expectation of ``analytics.forecast``
and ranks the accounts by revenue at stake; ``acks`` keeps acknowledgements (quiet until worse);
``text`` puts a warning's evidence into words. Imports ``accounts`` and below."""
