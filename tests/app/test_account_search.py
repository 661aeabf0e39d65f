"""AppTest: the account picker lists a bounded set and a search box finds any account (issue 9).

The demo has 400 accounts; ``search.TOP`` is lowered to 20 here so that most of them are outside
the drop-down, as 99,500 of the 100,000 accounts of the 5M-line benchmark are.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.accounts import overview, search
from kam_core.store import db

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "account.py")
TOP = 20


@pytest.fixture
def demo(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    monkeypatch.setattr(search, "TOP", TOP)
    con = db.connect(demo_copy)
    order = list(overview.account_options(con)["account_key"])
    names = dict(db.query_rows(con, "SELECT account_key, account_name FROM accounts"))
    con.close()
    return order, names


def run(lang: str = "en", account: str | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    if account:
        at.query_params["account"] = account
    return at.run()


def opened(at: AppTest) -> str:
    value = at.query_params["account"]
    return value[0] if isinstance(value, list) else value


def picker(at: AppTest):
    return at.selectbox(key="_acc_picker")


def test_the_list_is_bounded_and_keeps_the_open_account(demo):
    order, names = demo
    at = run()
    assert not at.exception
    assert len(picker(at).options) == TOP
    outside = order[300]
    at = run(account=outside)  # a deep link to an account outside the top: listed too, last
    assert not at.exception
    assert len(picker(at).options) == TOP + 1
    assert picker(at).value == outside and names[outside] in picker(at).options[-1]
    assert at.title[0].value == names[outside]


def test_search_finds_an_account_outside_the_list_and_opening_it_updates_the_link(demo):
    order, names = demo
    at = run()
    target = "C1053"  # Metalúrgica Añón S.A.U., 399th of 400
    assert order.index(target) >= TOP
    at.text_input(key="_acc_find").input("METALURGICA").run()  # case and accents do not matter
    assert not at.exception
    options = picker(at).options
    assert any(names[target] in o for o in options)
    assert all("Metalúrgica" in o for o in options[:-1])  # the matches, then the open account
    assert [c.value for c in at.caption if c.value.startswith("Matches: ")]
    picker(at).set_value(target).run()
    assert not at.exception
    assert opened(at) == target
    assert at.title[0].value == names[target]


def test_one_match_opens_at_once_in_spanish(demo):
    _, names = demo
    at = run("es")
    assert picker(at).label == "Cuenta"
    assert at.text_input(key="_acc_find").label == "Buscar cualquier cuenta"
    at.text_input(key="_acc_find").input("talleres anon").run()  # Talleres Añón S.L.U.
    assert not at.exception
    assert opened(at) == "C1399"
    assert at.title[0].value == names["C1399"] == "Talleres Añón S.L.U."
    assert picker(at).value == "C1399"
    at.text_input(key="_acc_find").input("energías").run()  # several: listed, not opened
    assert opened(at) == "C1399"
    matches = [c.value for c in at.caption if c.value.startswith("Coincidencias: ")]
    assert matches, [c.value for c in at.caption]
    assert all("Energías" in o for o in picker(at).options[:-1])
    at.text_input(key="_acc_find").input("zzz-nada").run()
    assert not at.exception
    assert [c.value for c in at.caption if "Ninguna cuenta coincide con «zzz-nada»" in c.value]
    assert len(picker(at).options) == TOP + 1  # no match: the usual list (and the open one)


def test_search_by_key(demo):
    _, names = demo
    at = run()
    at.text_input(key="_acc_find").input("c1392").run()
    assert opened(at) == "C1392" and at.title[0].value == names["C1392"]
