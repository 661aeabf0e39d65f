"""One language mechanism: complete catalogues, per-language number formats."""

import re
import string
from pathlib import Path

import pytest

from kam_core import i18n
from kam_core.i18n import catalog as locales
from kam_core.i18n import fmt_date, fmt_money, fmt_num, fmt_pct, t

ROOT = Path(__file__).resolve().parents[2]


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_no_duplicate_keys():
    assert locales.duplicates() == []


def test_every_string_in_both_languages_with_same_placeholders():
    for key, pair in i18n.catalogue().items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        en, es = pair
        assert en.strip() and es.strip(), f"{key} has an empty translation"
        assert _fields(en) == _fields(es), f"{key}: placeholders differ between en and es"


def test_keys_used_in_code_exist():
    """Every literal t("...")/ctx.t("...") key in pages and kam_core is in the catalogue."""
    pattern = re.compile(r"""\bt\(\s*["']([a-z0-9_]+\.[a-z0-9_.]+)["']""")
    missing = []
    for path in (
        list((ROOT / "pages").glob("*.py"))
        + list((ROOT / "kam_core").rglob("*.py"))
        + [ROOT / "app.py"]
    ):
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key.endswith("."):
                continue  # a prefix completed at run time, e.g. t("tr.xyz." + cell)
            if not i18n.has(key):
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


@pytest.mark.parametrize(
    "value, lang, decimals, expected",
    [
        (1234.56, "en", 2, "1,234.56"),
        (1234.56, "es", 2, "1.234,56"),
        (1234567, "en", 0, "1,234,567"),
        (1234567, "es", 0, "1.234.567"),
        (-1234.5, "en", 1, "−1,234.5"),
        (0.004, "en", 2, "0.00"),
        (-0.001, "es", 2, "0,00"),
        (999.995, "en", 2, "1,000.00"),
        (None, "en", 0, "–"),
        (float("nan"), "es", 0, "–"),
    ],
)
def test_fmt_num(value, lang, decimals, expected):
    assert fmt_num(value, lang, decimals) == expected


def test_pct_money_date():
    assert fmt_pct(0.1234, "en") == "12.3%"
    assert fmt_pct(0.1234, "es") == "12,3 %"
    assert fmt_money(1_250_000, "en", compact=True) == "1.2M"
    assert fmt_money(1_250_000, "es", compact=True) == "1,2 M"
    assert fmt_money(950, "es", compact=True) == "950"
    assert fmt_date("2026-03-05", "es") == "05/03/2026"
    assert fmt_date("2026-03-05", "en") == "2026-03-05"


def test_t_falls_back_and_formats():
    assert t("cli.bad_quarter", "es", value="2024-Q5").startswith("2024-Q5")
    assert t("no.such.key", "es") == "no.such.key"
    assert i18n.norm_lang("ES-es") == "es"
    assert i18n.norm_lang("fr") == "en"
