"""Account 360 domain: overview header, relationship map, account plan, activity log, health and
section edits; merges of one customer's several names (``merge``); a contact's personal data on
request (``privacy``). Imports ``team``, ``portfolio`` and below."""
