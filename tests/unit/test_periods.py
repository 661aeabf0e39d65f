"""Which period a figure covers and what it is compared with (issue #8: like with like)."""

from kam_core.portfolio.periods import (
    Filters,
    comparable_previous,
    covered,
    missing_quarters,
    url_range_problem,
)

LOADED = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


def test_a_year_not_over_yet_covers_its_quarters_so_far():
    year = Filters("2026-Q1", "2026-Q4")
    assert covered(year, LOADED) == Filters("2026-Q1", "2026-Q3")
    assert missing_quarters(year, LOADED) == ["2026-Q4"]


def test_year_to_date_is_compared_with_the_same_quarters_a_year_earlier():
    assert comparable_previous(Filters("2026-Q1", "2026-Q4"), LOADED) == Filters(
        "2025-Q1", "2025-Q3"
    )


def test_a_full_year_without_a_full_previous_year_has_no_comparison():
    # 2024 has only Q4 loaded: comparing 2025 with it would show a growth that is not there
    assert comparable_previous(Filters("2025-Q1", "2025-Q4"), LOADED) is None


def test_trailing_four_quarters_compare_with_the_four_before_when_loaded():
    assert comparable_previous(Filters("2025-Q4", "2026-Q3"), LOADED) == Filters(
        "2024-Q4", "2025-Q3"
    )
    assert comparable_previous(Filters("2025-Q3", "2026-Q2"), LOADED) is None  # needs 2024-Q3


def test_a_single_quarter_compares_with_the_quarter_before():
    assert comparable_previous(Filters("2026-Q3", "2026-Q3"), LOADED) == Filters(
        "2026-Q2", "2026-Q2"
    )


def test_dimension_filters_are_kept_in_the_comparison():
    f = Filters("2026-Q2", "2026-Q3", region=("Norte",))
    assert comparable_previous(f, LOADED).region == ("Norte",)


def test_link_ranges_that_cannot_be_shown_are_named():
    assert url_range_problem("2026-Q3", "2025-Q1", LOADED) == "reversed"
    assert url_range_problem("2019-Q1", "2019-Q4", LOADED) == "empty"
    assert url_range_problem("2025-Q1", "2025-Q4", LOADED) is None
    assert url_range_problem(None, "2025-Q4", LOADED) is None
