"""Tables offer formula-safe CSV / Excel downloads, hidden in presentation mode."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def test_tiers_table_has_downloads(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(str(ROOT / "pages" / "tiers.py"), default_timeout=60).run()
    assert not at.exception
    labels = [el.proto.label for el in at.get("download_button")]
    assert labels.count("CSV") == 1 and labels.count("Excel") == 1


def test_no_downloads_when_presenting(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(str(ROOT / "pages" / "tiers.py"), default_timeout=60)
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert at.get("download_button") == []


def test_key_list_flags_stale_plans_and_maps(demo_copy, monkeypatch):
    from kam_core.accounts import plans
    from kam_core.store import db

    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(str(ROOT / "pages" / "tiers.py"), default_timeout=60)
    at.query_params["view"] = "Key accounts"
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption if "not updated in the last" in c.value]
    assert len(captions) == 1
    # The count shown is the one computed from the data (demo dated against the real today).
    from datetime import date

    from kam_core.portfolio import tiers
    from kam_core.portfolio.periods import Filters

    con = db.connect(demo_copy)
    try:
        # The page's default period: the last 4 quarters of the demo.
        key = tiers.key_accounts(con, Filters(q_from="2025-Q4", q_to="2026-Q3"))
        key = plans.with_freshness(key[key["is_key_account"]], plans.freshness(con, date.today()))
    finally:
        con.close()
    n = int((key["plan_stale"] | key["map_stale"]).sum())
    assert captions[0].startswith(f"{n} key accounts")
