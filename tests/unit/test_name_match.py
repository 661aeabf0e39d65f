"""Duplicate suggestions: normalisation, each perturbation, each trap, planted pairs, scale."""

from __future__ import annotations

import itertools
import random
import string
from pathlib import Path

import pandas as pd
import pytest

from bench.bench_suggest import company_names
from kam_core.analytics.name_match import normalise, suggest

SUPERSTORE = Path(__file__).resolve().parents[2] / "tests/fixtures/datasets/superstore.csv.gz"

# --------------------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    "raw",
    [
        "ACME S.A.",
        "Acme SA",
        "ACME, S.A.",
        "Acme S. A.",
        "acme s a",
        "Acme s.a",
        "Acme, S.A.U.",
        "Acme SAU",
        "Acme S.L.",
        "Acme SL",
        "Acme S.L.U.",
        "Acme S.L.L.",
        "Acme S. de R.L.",
        "Acme S. de R.L. de C.V.",
        "Acme S.A. de C.V.",
        "Acme SAPI de CV",
        "Acme SAC",
        "Acme S.A.C.",
        "Acme S.R.L.",
        "Acme SRL",
        "Acme Ltda.",
        "Acme EIRL",
        "Acme S.C.",
        "Acme S.Coop.",
        "Acme Inc.",
        "Acme, Inc",
        "Acme Ltd",
        "Acme Limited",
        "Acme LLC",
        "Acme LLP",
        "Acme Corp",
        "Acme Corporation",
        "Acme GmbH",
        "Acme AG",
        "Acme Co.",
        "Acme & Co",
        "Acme PLC",
        "Acme BV",
        "Acme B.V.",
        "Acme NV",
        "Acme SARL",
        "Acme SAS",
        "Acme SpA",
        "Acme Srl",
        "Acme Oy",
        "Acme AB",
        "Acme GmbH & Co. KG",
        "Acme y Cía",
        "ACME Sociedad Anónima",
        "  acme   ",
        "Ácme",
        "The Acme Company",
        "ACME S.A., S.A.",
        "Acme S/A",
        "Acme (S.A.)",
    ],
)
def test_normalise_removes_case_accents_punctuation_and_legal_forms(raw):
    assert normalise(raw) == "acme"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Café Soler, S.L.", "cafe soler"),
        ("Transportes  Cantábrica\tS.A.", "transportes cantabrica"),
        ("Sean O'Donnell", "sean odonnell"),
        ("Distribuciones Pérez-Núñez", "distribuciones perez nunez"),
        ("J. P. Morgan", "jp morgan"),
        ("Tienda nº 12", "tienda 12"),
        ("Acme Inc Spain", "acme inc spain"),  # a form in the middle is part of the name
        ("SA Logistics", "logistics"),  # a leading SA goes, the name stays
        ("Logistics SA", "logistics"),
        ("Ventas Co-op", "ventas co op"),  # only the last word is a candidate form
        ("S.A.", "sa"),  # never empty: the cleaned name comes back
        ("Inc.", "inc"),
        ("---", "---"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_examples(raw, expected):
    assert normalise(raw) == expected


# --------------------------------------------------------------------------- suggest


def _frame(*names, **columns):
    data = {"key": [f"k{i}" for i in range(len(names))], "name": list(names), **columns}
    return pd.DataFrame(data)


def _grouped(groups) -> set[frozenset]:
    return {frozenset(g["accounts"]) for g in groups}


@pytest.mark.parametrize(
    "a, b, reason",
    [
        ("ACME S.A.", "Acme SA", "same_normalised_name"),  # case, dots, legal form
        ("Distribuciones Pérez", "DISTRIBUCIONES PEREZ S.L.", "same_normalised_name"),  # accents
        ("Soler Café", "Café Soler", "word_order"),
        ("Coca Cola Iberia", "CocaCola Iberia", "spacing"),
        ("Transportes Cantabrica", "Transportes Cantábrca", "typo"),  # a deleted letter
        ("Hoteles Mediterraneo", "Hoteles Mediterarneo", "typo"),  # two letters swapped
        ("Janet Martin", "Janet hartin", "typo"),  # first letter, but "janet" vouches for it
        ("Ken Heidel", "Ke Heidel", "typo"),  # a short word, next to a distinctive one
    ],
)
def test_each_perturbation_is_suggested_with_its_reason(a, b, reason):
    groups = suggest(_frame(a, b))
    assert _grouped(groups) == {frozenset({"k0", "k1"})}
    assert reason in groups[0]["evidence"]["reasons"]
    assert 0 < groups[0]["score"] <= 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("Grupo Norte", "Grupo Sur"),
        ("Acme Iberia", "Acme Portugal"),
        ("Tienda 12", "Tienda 13"),
        ("Grupo Sur", "Grupo Sul"),  # short words must be equal
        ("Acme", "Acme Iberia"),  # a subsidiary is not a typo
        ("Bosch", "Busch"),  # one short word, one edit: not enough to say
        ("Hotel 2000 S.L.", "Hotel 2001 S.L."),
        ("Hoteles Madan", "Hoteles Sadan"),  # only a generic word shared: first letters must agree
        ("Talleres Soto", "Talleres Sota"),  # 4-letter word next to a generic one
    ],
)
def test_different_companies_sharing_words_are_not_grouped(a, b):
    assert suggest(_frame(a, b)) == []


def test_scores_rank_same_name_over_word_order_over_typos():
    frame = _frame(
        "Acme SA",
        "ACME S.L.",  # same normalised name
        "Soler Café",
        "Café Soler",  # word order
        "Ken Heidel",
        "Ken Hiedel",  # one edit, next to a distinctive word
        "Transportes Cantabrica",
        "Transportes Cantabrca",  # one edit, next to a generic word
        "Maquinaria Hermosilla",
        "Maquinaria Hermsilla",  # same, and "maquinaria" is distinctive
    )
    groups = suggest(frame)
    assert [(g["accounts"], g["score"]) for g in groups] == [
        (["k0", "k1"], 0.94),
        (["k2", "k3"], 0.90),
        (["k4", "k5"], pytest.approx(0.82)),  # 0.88 - 0.06
        (["k8", "k9"], pytest.approx(0.82)),
        (["k6", "k7"], pytest.approx(0.78)),  # 0.88 - 0.06 - 0.04
    ]
    assert groups[2]["evidence"]["typo_distance"] == 1


def test_two_edits_only_in_long_words():
    assert len(suggest(_frame("Ferreteria Villaverde", "Ferreteria Vilaverd"))) == 1
    assert suggest(_frame("Ferreteria Olmedo", "Ferreteria Olmdeos")) == []


def test_survivor_is_highest_revenue_then_longest_history_then_key():
    frame = pd.DataFrame(
        {
            "key": ["b", "a", "c", "d"],
            "name": ["Acme SA", "ACME S.A.", "Acme", "acme sl"],
            "revenue": [100.0, 100.0, 500.0, None],
            "quarters": ["2024-Q1", "2024-Q1,2024-Q2", [], None],
        }
    )
    assert suggest(frame)[0]["accounts"] == ["c", "a", "b", "d"]
    frame["revenue"] = [100.0, 100.0, 50.0, None]
    assert suggest(frame)[0]["accounts"] == ["a", "b", "c", "d"]


def test_side_evidence_raises_the_score_and_is_named():
    frame = pd.DataFrame(
        {
            "key": ["old", "new"],
            "name": ["Acme SA", "ACME S.L."],
            "quarters": [["2023-Q3", "2023-Q4"], "2024-Q1, 2024-Q2"],
            "product_lines": ["Tornillos, Tuercas", ["tuercas"]],
            "regions": ["Norte", "Sur"],
        }
    )
    (group,) = suggest(frame)
    ev = group["evidence"]
    assert ev["non_overlapping_quarters"] is True
    assert ev["shared_product_lines"] == ["tuercas"]
    assert ev["shared_regions"] == []
    assert group["score"] == pytest.approx(0.94 + 0.02 + 0.02)
    assert ev["normalised"] == {"old": "acme", "new": "acme"}


def test_same_account_id_groups_a_rename():
    frame = _frame("Hierros del Norte", "Nortesider", account_id=["C-001", "C-001"])
    (group,) = suggest(frame)
    assert group["evidence"]["same_id"] is True
    assert group["evidence"]["reasons"] == ["same_id"]
    assert group["score"] == pytest.approx(0.90)


def test_no_chaining_every_member_matches_the_survivor():
    # "Tubos Levante" ~ "Tubos Levanto" ~ "Tubos Levantu"... each one edit from the next, but the
    # last is two edits (beyond the 1-edit budget of a 7-letter word) from the first.
    frame = pd.DataFrame(
        {
            "key": ["a", "b", "c"],
            "name": ["Tubos Levante", "Tubos Levanse", "Tubos Levanso"],
            "revenue": [300.0, 200.0, 100.0],
        }
    )
    groups = suggest(frame)
    assert [g["accounts"] for g in groups] == [["a", "b"]]


def test_threshold_drops_weak_pairs():
    frame = _frame("Ken Blackwood", "Ken Blakcwood")
    assert len(suggest(frame)) == 1
    assert suggest(frame, threshold=0.95) == []


def test_blank_names_match_nothing_by_name():
    assert suggest(_frame("", None, "  ")) == []
    (group,) = suggest(_frame("", None, account_id=["C1", "C1"]))
    assert group["evidence"]["reasons"] == ["same_id"]


def test_empty_and_single_inputs():
    assert suggest(pd.DataFrame({"key": [], "name": []})) == []
    assert suggest(_frame("Acme")) == []


# --------------------------------------------------------------------------- planted pairs


def _accent(name: str, rng: random.Random) -> str:
    plain, accented = "aeiou", "áéíóú"
    present = [i for i, c in enumerate(name) if c in accented]
    if present:
        i = rng.choice(present)
        return name[:i] + plain[accented.index(name[i])] + name[i + 1 :]
    vowels = [i for i, c in enumerate(name) if c in plain]
    i = rng.choice(vowels)
    return name[:i] + accented[plain.index(name[i])] + name[i + 1 :]


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(letters[:-1])
    kind = rng.choice(["substitute", "delete", "insert", "swap"])
    if kind == "substitute":
        other = rng.choice([c for c in string.ascii_lowercase if c != name[i].lower()])
        return name[:i] + other + name[i + 1 :]
    if kind == "delete":
        return name[:i] + name[i + 1 :]
    if kind == "insert":
        return name[:i] + rng.choice(string.ascii_lowercase) + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


PERTURBATIONS = {
    "suffix": lambda n, r: n + r.choice([" S.A.", ", Inc.", " SL", " S.L.", " Ltd", ", LLC"]),
    "case": lambda n, r: r.choice([n.upper(), n.lower()]),
    "punctuation": lambda n, r: r.choice([n.replace(" ", ". ", 1), n + ".", n.replace("'", "")]),
    "accent": _accent,
    "typo": _typo,
    "word_swap": lambda n, r: ", ".join(reversed(n.split(" ", 1))),
}


def _planted(names: list[str], rng: random.Random, count: int):
    """The names, plus `count` second spellings; returns (frame, planted pairs of keys)."""
    keys, labels, planted = [], [], set()
    for i, name in enumerate(names):
        keys.append(f"o{i}")
        labels.append(name)
    kinds = list(PERTURBATIONS)
    for n, i in enumerate(rng.sample(range(len(names)), count)):
        variant = PERTURBATIONS[kinds[n % len(kinds)]](names[i], rng)
        if variant == names[i]:
            variant = names[i].upper()
        keys.append(f"v{i}")
        labels.append(variant)
        planted.add(frozenset({f"o{i}", f"v{i}"}))
    return pd.DataFrame({"key": keys, "name": labels}), planted


def test_precision_and_recall_on_a_perturbed_real_customer_list():
    raw = pd.read_csv(SUPERSTORE, encoding="cp1252")
    names = sorted(raw["Customer Name"].dropna().unique().tolist())
    assert len(names) > 700
    frame, planted = _planted(names, random.Random(7), 150)

    groups = suggest(frame)
    found = {frozenset({g["accounts"][0], k}) for g in groups for k in g["accounts"][1:]}
    true_found = found & planted
    recall = len(true_found) / len(planted)
    precision = len(true_found) / len(found)
    assert recall >= 0.9, f"recall {recall:.3f}"
    assert precision >= 0.9, f"precision {precision:.3f}"


# --------------------------------------------------------------------------- scale


def test_twenty_thousand_names_run_and_keep_planted_duplicates_together():
    # 19,900 company-like names, then the first 100 again in capitals, doubled spaces and ", S.A."
    names = company_names(20_000, seed=5)
    frame = pd.DataFrame({"key": [f"k{i}" for i in range(20_000)], "name": names})
    groups = suggest(frame)
    together = {frozenset(p) for g in groups for p in itertools.combinations(g["accounts"], 2)}
    assert all(frozenset({f"k{i}", f"k{19_900 + i}"}) in together for i in range(100))
    # invented names collide now and then, but nowhere near everything is grouped
    assert 100 <= len(groups) < 400
