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
