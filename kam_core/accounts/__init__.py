"""Account 360 domain: overview header, relationship map, account plan, activity log, health and
section edits. Imports ``team``, ``portfolio`` and below."""
