"""``report --json --from Q --to Q`` against an independent pandas computation (PRODUCT.md s. 8).

The expected side is the one oracle, ``tests/fixtures/expected.py``: it never calls kam_core, reads
the shared CSV files (or the demo database's revenue_lines) with plain pandas/duckdb and applies
section 8. Counts exact, money and shares to 1e-6, including the boundary rule (the account that
crosses 80% is in A). The invariants on stored data live in ``test_invariants.py``.
"""

from __future__ import annotations

import json

import pytest

from kam_core import cli
from tests.fixtures.expected import (
    assert_report_matches,
    dataset_lines,
    expected_report,
    stored_lines,
)


def _report(capsys, path, q_from=None, q_to=None) -> dict:
    args = ["report", "--db", str(path), "--json"]
    args += ["--from", q_from] if q_from else []
    args += ["--to", q_to] if q_to else []
    assert cli.main(args) == 0
    return json.loads(capsys.readouterr().out)


DATASET_RANGES = {
    "superstore": [
        (None, None),
        ("2016-Q1", "2016-Q4"),
        ("2017-Q4", "2017-Q4"),
        ("2014-Q3", "2015-Q2"),
    ],
    "sales_data_sample": [
        (None, None),
        ("2004-Q1", "2004-Q4"),
        ("2003-Q4", "2003-Q4"),
        ("2004-Q3", "2005-Q2"),
    ],
    "online_retail_sample": [
        (None, None),
        ("2011-Q1", "2011-Q4"),
        ("2011-Q4", "2011-Q4"),
        ("2010-Q4", "2011-Q2"),
    ],
}


@pytest.fixture(scope="module")
def ingested(datasets, tmp_path_factory):
    """Each shared dataset ingested through the CLI (--skip-invalid) into its own database."""
    out = {}
    for name in DATASET_RANGES:
        path = tmp_path_factory.mktemp("ds") / f"{name}.duckdb"
        code = cli.main(
            ["ingest", str(datasets / f"{name}.csv"), "--db", str(path), "--skip-invalid"]
        )
        assert code == 0, name
        out[name] = path
    return out


@pytest.mark.parametrize("name", list(DATASET_RANGES))
def test_report_ranges_on_shared_datasets(name, ingested, datasets, capsys):
    lines = dataset_lines(datasets, name)
    for q_from, q_to in DATASET_RANGES[name]:
        rep = _report(capsys, ingested[name], q_from, q_to)
        assert_report_matches(rep, expected_report(lines, q_from, q_to))


@pytest.mark.parametrize(
    "q_from, q_to",
    [(None, None), ("2025-Q4", "2026-Q3"), ("2025-Q2", "2025-Q2"), ("2025-Q1", "2025-Q4")],
)
def test_report_ranges_on_demo(demo_db, capsys, q_from, q_to):
    rep = _report(capsys, demo_db, q_from, q_to)
    assert_report_matches(rep, expected_report(stored_lines(demo_db), q_from, q_to))
