"""The written brief (F-PR-5): hand-built portfolios and the sentences a person would write."""

import re

import pytest

from kam_core.reports.brief import brief, brief_text

ONE_ACCOUNT = {
    "q_from": "2024-Q1",
    "q_to": "2024-Q4",
    "currency": "EUR",
    "accounts": 1,
    "total_revenue": 250_000,
    "accounts_to_80": 1,
    "share_accounts_to_80": 1.0,
    "top_shares": {"1": 1.0},
    "hhi": 10_000,
    "gini": 0.0,
    "major_customers": [{"name": "Acme", "share": 1.0}],
    "growth": 0.25,
    "accounts_won": 1,
    "accounts_lost": 0,
}

# One account alone makes 85%: singular Pareto sentence, one major customer, high HHI.
MAJOR_CUSTOMER = {
    "q_from": "2024-Q3",
    "q_to": "2024-Q3",
    "currency": "EUR",
    "accounts": 200,
    "total_revenue": 4_500_000,
    "accounts_to_80": 1,
    "share_accounts_to_80": 1 / 200,
    "top_accounts": [{"name": "Acme", "share": 0.85}, {"name": "Beta", "share": 0.02}],
    "top_shares": {"1": 0.85, "5": 0.9, "10": 0.93, "20": 0.96},
    "hhi": 7300,
    "gini": 0.9312,
    "major_customers": [{"name": "Acme", "share": 0.85}],
    "growth": -0.042,
    "prev_label": "2023-Q3",
    "top_growers": [
        {"name": "Beta", "growth": 0.185, "share": 0.02},
        {"name": "Iberia", "growth": 0.07, "share": 0.01},
    ],
    "top_decliners": [{"name": "Acme", "growth": -0.12, "share": 0.85}],
    "accounts_won": 2,
    "accounts_lost": 3,
    "warnings": {"count": 1, "revenue_at_stake": 310_000},
}

NONE_ABOVE_10 = {
    "q_from": "2024-Q1",
    "q_to": "2024-Q4",
    "currency": "EUR",
    "accounts": 1234,
    "total_revenue": 98_765_432,
    "accounts_to_80": 310,
    "share_accounts_to_80": 310 / 1234,
    "top_accounts": [
        {"name": "Zeta Industrial", "share": 0.061},
        {"name": "Omega", "share": 0.05},
    ],
    "top_shares": {"1": 0.061, "5": 0.2, "10": 0.31, "20": 0.42},
    "hhi": 120,
    "gini": 0.55,
    "major_customers": [],
    "growth": 0.0004,
    "prev_label": "2023-Q1–2023-Q4",
    "top_growers": [],
    "top_decliners": [],
    "accounts_won": 0,
    "accounts_lost": 0,
    "warnings": {"count": 0, "revenue_at_stake": 0},
}

TIE = {
    "q_to": "2025-Q2",
    "currency": "USD",
    "accounts": 10,
    "total_revenue": 1_000_000,
    "accounts_to_80": 4,
    "share_accounts_to_80": 0.4,
    "top_accounts": [
        {"name": "Acme", "share": 0.25},
        {"name": "Beta", "share": 0.25},
        {"name": "Gamma", "share": 0.10},
    ],
    "top_shares": {"1": 0.25, "5": 0.75, "10": 1.0, "20": 1.0},
    "hhi": 1850,
    "major_customers": [
        {"name": "Gamma", "share": 0.10},
        {"name": "Acme", "share": 0.25},
        {"name": "Beta", "share": 0.25},
    ],
}

MISSING_GROWTH = {
    "q_to": "2024-Q4",
    "accounts": 12,
    "accounts_to_80": 4,
    "share_accounts_to_80": 4 / 12,
    "growth": None,
    "top_growers": None,
    "accounts_won": None,
    "accounts_lost": 2,
}


CASES = {
    "one_account": (
        ONE_ACCOUNT,
        [
            "From 2024-Q1 to 2024-Q4, revenue was EUR 250k.",
            "All of it comes from a single account, Acme.",
            "Revenue grew 25.0% compared with the previous comparable period.",
            "1 account was won and none was lost.",
        ],
        [
            "De 2024-Q1 a 2024-Q4, la facturación fue de 250 k EUR.",
            "Toda ella procede de una sola cuenta, Acme.",
            "La facturación creció un 25,0 % respecto al periodo comparable anterior.",
            "Se ganó una cuenta y no se perdió ninguna.",
        ],
    ),
    "major_customer": (
        MAJOR_CUSTOMER,
        [
            "In 2024-Q3, revenue was EUR 4.5M from 200 accounts.",
            "1 account, 0.5% of the portfolio, makes 80% of revenue.",
            "Acme is the only major customer (10% of revenue or more), with 85.0%.",
            "The top 5, 10 and 20 accounts make 90.0%, 93.0% and 96.0% of revenue respectively.",
            "The HHI is 7,300, high concentration (above 2,500), as if revenue were spread evenly "
            "over 1.4 accounts.",
            "The Gini coefficient is 0.93.",
            "Revenue fell 4.2% compared with 2023-Q3.",
            "Beta grew 18.5% and Iberia 7.0%.",
            "Acme fell 12.0%.",
            "2 accounts were won and 3 were lost.",
            "One key account has fallen two quarters running, with EUR 310k of revenue at stake.",
        ],
        [
            "En 2024-Q3, la facturación fue de 4,5 M EUR con 200 cuentas.",
            "Una cuenta, el 0,5 % de la cartera, concentra el 80 % de la facturación.",
            "Acme es el único cliente principal (10 % de la facturación o más), con el 85,0 %.",
            "Las 5, 10 y 20 mayores cuentas concentran, respectivamente, el 90,0 %, el 93,0 % y "
            "el 96,0 % de la facturación.",
            "El IHH es 7.300, concentración alta (más de 2.500), como si la facturación se "
            "repartiera por igual entre 1,4 cuentas.",
            "El coeficiente de Gini es 0,93.",
            "La facturación cayó un 4,2 % respecto a 2023-Q3.",
            "Beta creció un 18,5 % e Iberia un 7,0 %.",
            "Acme cayó un 12,0 %.",
            "Se ganaron 2 cuentas y se perdieron 3.",
            "Una cuenta clave ha caído dos trimestres seguidos, con 310 k EUR de facturación en "
            "juego.",
        ],
    ),
    "none_above_10": (
        NONE_ABOVE_10,
        [
            "From 2024-Q1 to 2024-Q4, revenue was EUR 98.8M from 1,234 accounts.",
            "310 accounts, 25.1% of the portfolio, make 80% of revenue.",
            "The largest account, Zeta Industrial, makes 6.1% of revenue.",
            "No single account reaches the major-customer line (10% of revenue).",
            "The top 5, 10 and 20 accounts make 20.0%, 31.0% and 42.0% of revenue respectively.",
            "The HHI is 120, low concentration (below 1,500), as if revenue were spread evenly "
            "over 83.3 accounts.",
            "The Gini coefficient is 0.55.",
            "Revenue was flat compared with 2023-Q1–2023-Q4.",
            "No account was won or lost.",
            "No key account has fallen two quarters running.",
        ],
        [
            "De 2024-Q1 a 2024-Q4, la facturación fue de 98,8 M EUR con 1.234 cuentas.",
            "310 cuentas, el 25,1 % de la cartera, concentran el 80 % de la facturación.",
            "La mayor cuenta, Zeta Industrial, concentra el 6,1 % de la facturación.",
            "Ninguna cuenta alcanza el umbral de cliente principal (10 % de la facturación).",
            "Las 5, 10 y 20 mayores cuentas concentran, respectivamente, el 20,0 %, el 31,0 % y "
            "el 42,0 % de la facturación.",
            "El IHH es 120, concentración baja (menos de 1.500), como si la facturación se "
            "repartiera por igual entre 83,3 cuentas.",
            "El coeficiente de Gini es 0,55.",
            "La facturación se mantuvo estable respecto a 2023-Q1–2023-Q4.",
            "No se ganó ni se perdió ninguna cuenta.",
            "Ninguna cuenta clave ha caído dos trimestres seguidos.",
        ],
    ),
    "tie": (
        TIE,
        [
            "In 2025-Q2, revenue was USD 1M from 10 accounts.",
            "4 accounts, 40.0% of the portfolio, make 80% of revenue.",
            "Acme and Beta are tied as the largest accounts, with 25.0% of revenue each.",
            "There are 3 major customers (10% of revenue or more each): Acme (25.0%), "
            "Beta (25.0%) and Gamma (10.0%).",
            "The top 5 accounts make 75.0% of revenue.",
            "The HHI is 1,850, moderate concentration (1,500 to 2,500), as if revenue were spread "
            "evenly over 5.4 accounts.",
        ],
        [
            "En 2025-Q2, la facturación fue de 1 M USD con 10 cuentas.",
            "4 cuentas, el 40,0 % de la cartera, concentran el 80 % de la facturación.",
            "Acme y Beta empatan como las mayores cuentas, con el 25,0 % de la facturación cada "
            "una.",
            "Hay 3 clientes principales (10 % de la facturación o más cada uno): Acme (25,0 %), "
            "Beta (25,0 %) y Gamma (10,0 %).",
            "Las 5 mayores cuentas concentran el 75,0 % de la facturación.",
            "El IHH es 1.850, concentración moderada (de 1.500 a 2.500), como si la facturación "
            "se repartiera por igual entre 5,4 cuentas.",
        ],
    ),
    "missing_growth": (
        MISSING_GROWTH,
        [
            "In 2024-Q4, 12 accounts had revenue.",
            "4 accounts, 33.3% of the portfolio, make 80% of revenue.",
            "2 accounts were lost.",
        ],
        [
            "En 2024-Q4, 12 cuentas tuvieron facturación.",
            "4 cuentas, el 33,3 % de la cartera, concentran el 80 % de la facturación.",
            "Se perdieron 2 cuentas.",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_brief_english(case):
    fig, english, _ = CASES[case]
    assert brief(fig, "en") == english


@pytest.mark.parametrize("case", sorted(CASES))
def test_brief_spanish(case):
    fig, _, spanish = CASES[case]
    assert brief(fig, "es") == spanish


def test_brief_text_is_two_paragraphs():
    text = brief_text(MISSING_GROWTH, "en")
    assert text == (
        "In 2024-Q4, 12 accounts had revenue. 4 accounts, 33.3% of the portfolio, make 80% of "
        "revenue.\n\n2 accounts were lost."
    )


def test_nothing_known_says_nothing():
    assert brief({}, "en") == []
    assert brief_text({"growth": None, "warnings": None}, "es") == ""


def test_configured_thresholds_and_names_kept_as_written():
    fig = {
        "accounts": 30,
        "accounts_to_80": 9,
        "share_accounts_to_80": 0.3,
        "pareto_threshold": 0.95,
        "major_threshold": 0.125,
        "major_customers": [],
        "top_growers": [{"name": "{x} & <b>Hierro</b>", "growth": 0.5}],
        "top_decliners": [{"name": "Alfa", "growth": -0.1}, {"name": "Higueras", "growth": -0.05}],
    }
    assert brief(fig, "es") == [
        "30 cuentas tuvieron facturación.",
        "9 cuentas, el 30,0 % de la cartera, concentran el 95 % de la facturación.",
        "Ninguna cuenta alcanza el umbral de cliente principal (12,5 % de la facturación).",
        "{x} & <b>Hierro</b> creció un 50,0 %.",
        "Alfa cayó un 10,0 % e Higueras un 5,0 %.",
    ]
    assert brief(fig, "en")[1] == "9 accounts, 30.0% of the portfolio, make 95% of revenue."


def test_spanish_y_stays_before_a_diphthong():
    fig = {"top_growers": [{"name": "Alfa", "growth": 0.2}, {"name": "Hielo", "growth": 0.1}]}
    assert brief(fig, "es") == ["Alfa creció un 20,0 % y Hielo un 10,0 %."]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_template_plurals_or_leftover_placeholders(case, lang):
    text = brief_text(CASES[case][0], lang)
    assert "(s)" not in text and "(es)" not in text
    assert not re.search(r"\b1 (accounts|cuentas)\b", text)
    assert "{" not in text and "}" not in text


def test_several_falling_key_accounts_are_not_led_by_the_number():
    """After "... 16 were lost." a sentence opening "5 key accounts" reads as "16. 5"."""
    fig = {
        "accounts_won": 29,
        "accounts_lost": 16,
        "warnings": {"count": 5, "revenue_at_stake": 994_100},
    }
    assert brief(fig, "en")[-2:] == [
        "29 accounts were won and 16 were lost.",
        "At 5 key accounts, revenue has fallen two quarters running, with 994.1k of revenue at stake.",
    ]
    assert brief(fig, "es")[-1] == (
        "En 5 cuentas clave, la facturación ha caído dos trimestres seguidos, con 994,1 k de "
        "facturación en juego."
    )
