"""Keys built at run time (f-strings) on the portfolio, tiers and settings pages all exist."""

from kam_core import i18n
from kam_core.analytics import metrics, tier_migration
from kam_core.portfolio import tiers
from kam_core.portfolio.periods import PRESETS
from kam_core.store import settings


def test_dynamic_keys_exist_in_both_languages():
    keys = [f"flt.preset.{p}" for p in PRESETS]
    keys += [
        f"pa.tab.{k}"
        for k in ("pareto", "concentration", "trend", "bridge", "whitespace", "whatif")
    ]
    keys += [f"pa.tier.{t}" for t in "ABC"] + [f"tr.abc.{t}" for t in "ABC"]
    keys += [f"pa.conc.band.{b}" for b in ("low", "moderate", "high")]
    keys += [f"pa.risk.hhi_{b}" for b in ("moderate", "high")]
    keys += [f"pa.bridge.by.{b}" for b in ("tier", "kam")]
    keys += [f"pa.bridge.{b}" for b in ("new", "growth", "decline", "lost")]
    keys += [f"tr.tab.{t}" for t in ("abc", "key", "score", "matrix", "migration", "xyz")]
    keys += [f"tr.sort.{s}" for s in ("rank", "name", "tier", "score")]
    keys += [f"tr.kind.{k}" for k in tiers.MARK_KINDS]
    keys += [f"tr.reason.{r}" for r in tiers.MARK_REASONS]
    keys += [f"tr.crit.{c}" for c in metrics.SCORE_CRITERIA]
    keys += [
        f"tr.state.{s}" for s in set(tier_migration.FROM_STATES) | set(tier_migration.TO_STATES)
    ]
    keys += [f"tr.mig.by.{b}" for b in ("count", "revenue")]
    keys += [f"tr.xyz.{c}" for c in "XYZ"]
    keys += [f"sp.group.{g}" for g, _ in settings.grouped()]
    for s in settings.SETTINGS.values():
        keys += [k for k in (s.label_key, s.help_key) if k]
    missing = [k for k in keys if not i18n.has(k)]
    assert missing == []
    for k in keys:
        en, es = i18n.t(k, "en"), i18n.t(k, "es")
        assert en and es
