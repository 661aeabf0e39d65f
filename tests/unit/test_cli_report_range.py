"""report --from/--to: a reversed or empty range is refused with a clear message (issue #8)."""

import json

import pytest

from kam_core import cli


def _run(capsys, *args):
    rc = cli.main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("lang,word", [("en", "reversed"), ("es", "al revés")])
def test_reversed_range_is_refused(capsys, demo_db, lang, word):
    rc, out, err = _run(
        capsys,
        "--lang",
        lang,
        "report",
        "--db",
        str(demo_db),
        "--from",
        "2026-Q3",
        "--to",
        "2025-Q1",
    )
    assert rc != 0 and out == ""
    assert word in err and "2026-Q3" in err and "2025-Q1" in err


def test_empty_range_is_refused_and_names_the_data_span(capsys, demo_db):
    rc, out, err = _run(
        capsys, "report", "--db", str(demo_db), "--from", "2019-Q1", "--to", "2019-Q4"
    )
    assert rc != 0 and out == ""
    assert "2024-Q4" in err and "2026-Q3" in err


def test_a_valid_range_still_reports(capsys, demo_db):
    rc, out, _ = _run(
        capsys, "report", "--db", str(demo_db), "--from", "2025-Q1", "--to", "2025-Q4", "--json"
    )
    assert rc == 0
    assert sorted(json.loads(out)["quarters"]) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]


def test_spanish_summary_uses_decimal_commas(capsys, demo_db):
    rc, out, _ = _run(capsys, "--lang", "es", "report", "--db", str(demo_db))
    assert rc == 0
    gini = out.split("Gini ")[1].split(",")[0:2]
    assert gini[0] == "0" and gini[1][:3].isdigit()  # "Gini 0,748", never "0.748"
