"""kam_core.accounts.search: finding one account among many (the Account 360 picker, issue 9)."""

from kam_core.accounts import search

KEYS = ["C1", "C2", "C3", "C4", "C5", "AB7"]
NAMES = [
    "Transportes Cantábrica S.L.U.",  # picker order: the first is the top key account
    "Clínica Levantina S.A.",
    "Cantabria Foods",
    "Hospital  CANTÁBRICA",
    "Metalúrgica Añón S.A.U.",
    "Abacus",
]
INDEX = search.build(KEYS, NAMES)


def test_fold_strips_accents_case_and_spaces():
    assert search.fold("  Cantábrica\tS.L.  ") == "cantabrica s.l."
    assert search.fold("AÑÓN") == "anon"
    assert search.fold(None) == "" and search.fold("   ") == ""


def test_find_by_part_of_the_name_accents_and_case_ignored():
    found, total = search.find(INDEX, "cantabrica")
    assert total == 2 and set(found) == {"C1", "C4"}
    assert search.find(INDEX, "AÑON") == (["C5"], 1)
    assert search.find(INDEX, "levant") == (["C2"], 1)


def test_every_word_must_match_in_any_order():
    assert search.find(INDEX, "s.l.u. transportes") == (["C1"], 1)
    assert search.find(INDEX, "cantabrica foods") == ([], 0)


def test_best_first_equal_then_prefix_then_word_then_anywhere():
    keys = ["K1", "K2", "K3", "K4"]
    index = search.build(keys, ["Grupo Acme", "Xacme", "Acme Iberia", "acme"])
    found, total = search.find(index, "acme")
    # equal name, then the name starting with it, then a word starting with it, then anywhere
    assert found == ["K4", "K3", "K1", "K2"] and total == 4


def test_ties_keep_picker_order_and_the_key_is_searched():
    assert search.find(INDEX, "c")[0][:3] == ["C1", "C2", "C3"]
    assert search.find(INDEX, "ab7") == (["AB7"], 1)  # the key, equal: first
    assert search.find(INDEX, "ab")[0][0] == "AB7"  # name and key start with it: first


def test_results_are_capped_and_the_total_counted():
    keys = [f"CL{i}" for i in range(1000)]
    index = search.build(keys, [f"Cliente {i}" for i in range(1000)])
    found, total = search.find(index, "cliente", limit=10)
    assert found == keys[:10] and total == 1000
    # both words anywhere: 99, 199..899, 990..999; the whole query first (equal, then prefix)
    found, total = search.find(index, "cliente 99", limit=5)
    assert found == ["CL99", "CL990", "CL991", "CL992", "CL993"] and total == 19
    # an exact match later in the order still comes first when the prefix group is full
    index = search.build(keys + ["ZZ"], [f"Cliente {i}" for i in range(1000)] + ["cliente"])
    assert search.find(index, "cliente", limit=3)[0] == ["ZZ", "CL0", "CL1"]


def test_empty_query_and_allowed_accounts():
    assert search.find(INDEX, "   ") == ([], 0)
    assert search.find(INDEX, "cantabrica", allowed=frozenset({"C4", "C2"})) == (["C4"], 1)
    assert search.top(KEYS, 2) == ["C1", "C2"]
    assert search.top(KEYS, 2, allowed=frozenset({"C5", "C3", "ZZ"})) == ["C3", "C5"]


def test_a_search_among_100000_accounts_ranks_the_exact_name_first():
    # (its speed is measured by bench/bench_pages.py; tests never time things)
    keys = [f"CL{i}" for i in range(100_000)]
    index = search.build(keys, [f"Cliente {i}" for i in range(100_000)])
    found, total = search.find(index, "cliente 4242")
    assert found[0] == "CL4242" and total == 20  # 4242, 14242..94242, 42420..42429
