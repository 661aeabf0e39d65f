"""KAM team page domain: people, assignments, workload against capacity, relationship risk.
Imports ``portfolio`` and below."""
