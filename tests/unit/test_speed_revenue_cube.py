"""The revenue cube (issue 9): every line summed once per account, quarter and filter dimension, so
a portfolio selection never seen before is a mask over it instead of a query over every line. It
must answer exactly what ``reads.account_revenue`` answers: same accounts, names and line counts,
revenue equal up to float rounding in the last bits (sums of the same lines in another order)."""

from __future__ import annotations

import pytest

from kam_core.portfolio import reads
from kam_core.portfolio.periods import Filters
from kam_core.store import db


@pytest.fixture(scope="module")
def demo(demo_db):
    con = db.connect(demo_db)
    yield con
    con.close()


def _selections(con) -> list[Filters]:
    qs = reads.quarters(con)
    dims = {n: reads.dimension_values(con, n) for n in ("product_line", "region", "segment", "kam")}
    out = [
        Filters(),
        Filters(q_from=qs[0], q_to=qs[0]),
        Filters(q_from=qs[-4], q_to=qs[-1]),
        Filters(q_to=qs[2]),
        Filters(q_from="1999-Q1", q_to="1999-Q4"),  # nothing
    ]
    for name, values in dims.items():
        assert values, name
        out.append(Filters(**{name: tuple(values[:1])}))
        out.append(Filters(q_from=qs[-4], q_to=qs[-1], **{name: (*values[:2], "no such value")}))
    out.append(
        Filters(
            q_from=qs[1],
            q_to=qs[-2],
            product_line=tuple(dims["product_line"][:2]),
            region=tuple(dims["region"][1:3]),
            kam=tuple(dims["kam"][:3]),
        )
    )
    return out


def test_the_cube_answers_every_selection_as_the_lines_do(demo):
    cube = reads.revenue_cube(demo)
    assert cube is not None
    lines = db.scalar(demo, "SELECT count(*) FROM revenue_lines")
    assert len(cube.revenue) < lines / 2  # much smaller than the lines
    for f in _selections(demo):
        want = reads.account_revenue(demo, f).sort_values("account_key").reset_index(drop=True)
        got = cube.account_revenue(f)
        assert list(got.columns) == ["account_key", "account_name", "revenue", "lines"]
        assert list(got["account_key"]) == list(want["account_key"]), f
        assert list(got["account_name"]) == list(want["account_name"]), f
        assert list(got["lines"]) == list(want["lines"]), f
        assert list(got["revenue"]) == pytest.approx(list(want["revenue"]), rel=1e-12, abs=1e-6)
        assert list(got["revenue"] > 0) == list(want["revenue"] > 0), f


def test_no_cube_when_it_would_not_be_much_smaller_than_the_lines(demo, monkeypatch):
    monkeypatch.setattr(reads, "CUBE_MAX_SHARE", 0.0)
    assert reads.revenue_cube(demo) is None


def test_an_empty_database_has_no_cube(con):
    assert reads.revenue_cube(con) is None
