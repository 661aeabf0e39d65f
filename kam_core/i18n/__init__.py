"""One mechanism for every user-visible string and number, in English and Spanish.

Strings live in ``kam_core/i18n/catalog/*.py`` as ``STRINGS = {key: (english, spanish)}``; one module per
domain so that parts of the product can grow their texts independently. ``t(key, lang, **params)``
fills ``{name}`` placeholders with ``str.format``. Numbers: ``1,234.56`` (en) / ``1.234,56`` (es).

Money carries its currency (F-IN-10) from one place: :func:`use_currency` sets the reporting
currency for the current run (a page's set-up, a command), then every :func:`fmt_money` appends
the code (``1,234 EUR``) and every text with a ``{currency}`` placeholder (chart axes: ``Revenue
({currency})``) fills it. Nothing set (unit tests, pure code): amounts without a code, and the
placeholder with its brackets dropped.
"""

from __future__ import annotations

import math
import re
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache

from kam_core.i18n import catalog

LANGS = ("en", "es")
DEFAULT_LANG = "en"
# Per run (Streamlit runs each session's script in its own thread, and a thread has its own context).
_CURRENCY: ContextVar[str | None] = ContextVar("cartera_currency", default=None)
_NO_CURRENCY = re.compile(r"\s*\(\{currency\}\)|\s*\{currency\}")


def use_currency(code: str | None) -> None:
    """Amounts formatted from now on in this run carry ``code`` (None: no code)."""
    _CURRENCY.set(code or None)


def current_currency() -> str | None:
    return _CURRENCY.get()


@contextmanager
def currency_scope(code: str | None = None):
    """Within the block, amounts carry ``code``; afterwards the code before it is back (a command
    run inside a longer process, such as a test, leaves nothing behind)."""
    token = _CURRENCY.set(code or None)
    try:
        yield
    finally:
        _CURRENCY.reset(token)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:

    return catalog.load_all()


def norm_lang(lang: str | None) -> str:
    lang = (lang or "").strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """The text of ``key`` in ``lang``; an unknown key shows itself (a test catches those)."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry[LANGS.index(norm_lang(lang))]
    if "{currency}" in text and "currency" not in params:
        code = _CURRENCY.get()
        text = text if code else _NO_CURRENCY.sub("", text)
        params = {**params, "currency": code or ""}
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def has(key: str) -> bool:
    return key in catalogue()


def _group(int_part: str, sep: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


def fmt_num(x, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """``1234.5`` -> ``1,234.5`` (en) / ``1.234,5`` (es). None/NaN -> an en dash."""
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "–"
    s = f"{abs(float(x)):.{decimals}f}"
    int_part, _, frac = s.partition(".")
    thousands, dec = (".", ",") if norm_lang(lang) == "es" else (",", ".")
    body = _group(int_part, thousands) + (dec + frac if frac else "")
    negative = float(x) < 0 and float(s) != 0
    return ("−" if negative else "") + body


def fmt_money(
    x, lang: str = DEFAULT_LANG, decimals: int = 0, compact: bool = False, currency=None
) -> str:
    """An amount in the reporting currency: ``1,234 EUR`` / ``1.234 EUR``; compact ``1.2M EUR``
    / ``1,2 M EUR``. The code is ``currency``, else the run's (:func:`use_currency`); ``""``:
    none (a caller that places the code itself)."""
    code = _CURRENCY.get() if currency is None else currency
    body = _money_body(x, lang, decimals, compact)
    return f"{body}\u00a0{code}" if code and body != "–" else body


def _money_body(x, lang: str, decimals: int, compact: bool) -> str:
    if compact and x is not None and not (isinstance(x, float) and math.isnan(x)):
        ax = abs(float(x))
        for div, suf_en, suf_es in ((1e9, "B", " mil M"), (1e6, "M", " M"), (1e3, "k", " k")):
            if ax >= div:
                suffix = suf_es if norm_lang(lang) == "es" else suf_en
                return fmt_num(float(x) / div, lang, 1) + suffix
    return fmt_num(x, lang, decimals)


def fmt_pct(fraction, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """A share as a fraction 0-1 -> ``12.3%`` / ``12,3 %``."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    body = fmt_num(float(fraction) * 100, lang, decimals)
    return body + (" %" if norm_lang(lang) == "es" else "%")


def fmt_date(d, lang: str = DEFAULT_LANG) -> str:
    if d is None or (isinstance(d, float) and math.isnan(d)):
        return "–"
    if isinstance(d, str):
        d = datetime.fromisoformat(d)
    if hasattr(d, "to_pydatetime"):
        d = d.to_pydatetime()
    if isinstance(d, datetime):
        d = d.date()
    if not isinstance(d, date):
        return str(d)
    if norm_lang(lang) == "es":
        return d.strftime("%d/%m/%Y")
    return d.strftime("%Y-%m-%d")


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal then thousands character."""
    return ",." if norm_lang(lang) == "es" else ".,"
