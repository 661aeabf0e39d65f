"""Every closed vocabulary of the product, in one place (stored values; labels live in i18n).

Database columns hold these keys; the UI translates them with ``t(f"<prefix>.{key}")``. Adding a
value here is the one change a new option needs (plus its two labels in the catalogue).
"""

from __future__ import annotations

# Tiers (F-TI-1, F-TI-2)
TIERS = ("A", "B", "C")
MARK_KINDS = ("key", "exclude")
MARK_REASONS = (
    "brand_image",
    "strategic_fit",
    "geographic_presence",
    "segment",
    "growth_potential",
    "other",
)

# Relationship map (F-AC-2)
BUYING_ROLES = (
    "decision_maker",
    "economic_buyer",
    "executive_sponsor",
    "technical_evaluator",
    "influencer",
    "gatekeeper",
    "user",
)
INFLUENCE = ("high", "medium", "low")
STANCES = ("champion", "supporter", "neutral", "non_supporter", "enemy")
DETRACTORS = ("non_supporter", "enemy")
LEVELS = ("none", "brief", "regular", "trusted")  # our coverage of a contact, weakest first
LEVEL_RANK = {lv: i for i, lv in enumerate(LEVELS)}

# Account plan (F-AC-3)
THREATS = ("high", "medium", "low")
STAGES = ("identified", "qualified", "proposal", "negotiation", "won", "lost")
ACTION_STATUSES = ("open", "in_progress", "done")

# Activity log (F-AC-4)
ACTIVITY_KINDS = ("meeting", "call", "request", "problem")
TICKETS = ("request", "problem")  # kinds that stay open until resolved

# KAM team (F-TM-1)
PERSON_ROLES = ("kam", "sales", "technical", "service", "executive")
TEAM_ROLES = ("lead", "member")
