"""The written brief of a period (F-PR-5): the portfolio's figures told in a few sentences.

It opens a commercial meeting ("12 accounts, 3.1% of the portfolio, make 80% of revenue; Acme grew
34% ..."), so every sentence must read as written by a person in English and in Spanish: each
grammatical case (one / many / none, a tie) has its own whole template in
``kam_core/i18n/catalog/reports.py`` instead of patched plurals such as "account(s)".

Input: one ``dict`` of figures. Every key is optional; a missing or ``None`` value skips the
sentence that needs it, so the caller passes what it has.

=======================  ====================================================================
``q_from``, ``q_to``     quarter labels of the period (``"2024-Q1"``); one of them alone, or both
                         equal, reads "In 2024-Q1", two read "From 2024-Q1 to 2024-Q4".
``currency``             ISO code shown with amounts (``"EUR"``): "EUR 1.2M" / "1,2 M EUR".
``accounts``             number of accounts with positive revenue.
``total_revenue``        net revenue of the period.
``accounts_to_80``       the fewest accounts, largest first, that make ``pareto_threshold``.
``share_accounts_to_80`` those accounts as a fraction (0-1) of ``accounts``.
``pareto_threshold``     fraction, default 0.80.
``top_accounts``         the largest accounts, largest first: ``[{"name", "share"}, ...]``
                         (share = fraction of revenue); a tie at the top is told as a tie.
                         Without it, ``major_customers`` stands in for it.
``top_shares``           ``{"1": f, "5": f, "10": f, "20": f}`` (keys str or int; fractions).
``hhi``                  Herfindahl-Hirschman index, 0-10,000.
``hhi_moderate``,        where its moderate and high bands start (the settings of the same
``hhi_high``             names); default 1,500 and 2,500.
``gini``                 Gini coefficient, 0-1.
``major_customers``      accounts at or above ``major_threshold``: ``[{"name", "share"}, ...]``;
                         an empty list says "no single account reaches the line".
``major_threshold``      fraction, default 0.10 (US GAAP ASC 280 major customer).
``growth``               revenue growth vs the comparable previous period, a fraction
                         (0.123 = +12.3 %); ``None`` when there is nothing to compare with.
``prev_label``           label of that previous period (``"2023-Q1–2023-Q4"``), optional.
``top_growers``          ``[{"name", "growth", "share"}, ...]`` largest growth first; only
                         ``growth > 0`` is told (``share`` is accepted and not shown).
``top_decliners``        the same, largest fall first; only ``growth < 0`` is told.
``accounts_won``         accounts with revenue now and none in the previous period.
``accounts_lost``        the reverse.
``warnings``             ``{"count": int, "revenue_at_stake": float}``: key accounts whose
                         revenue fell two quarters running.
=======================  ====================================================================

``brief(fig, lang)`` gives the sentences, ``brief_text(fig, lang)`` two paragraphs (the
portfolio's shape, then its movement) separated by a blank line.
"""

from __future__ import annotations

import math
import re

from kam_core.i18n import fmt_money, fmt_num, fmt_pct, norm_lang, t

HHI_LOW, HHI_HIGH = 1500, 2500
MAX_NAMES = 3  # growers / decliners told by name
MAX_MAJORS = 5  # major customers listed by name before "and N more"


def brief(fig: dict, lang: str) -> list[str]:
    """The brief as a list of sentences in ``lang`` (``"en"`` / ``"es"``)."""
    return [s for para in _paragraphs(fig, lang) for s in para]


def brief_text(fig: dict, lang: str) -> str:
    """The brief as text: one paragraph on the portfolio's shape, one on its movement."""
    return "\n\n".join(" ".join(p) for p in _paragraphs(fig, lang) if p)


def _paragraphs(fig: dict, lang: str) -> list[list[str]]:
    lang = norm_lang(lang)
    n = _get(fig, "accounts")
    shape = [_revenue(fig, lang)]
    if n == 1:
        shape.append(_single(fig, lang))
    else:
        shape += [
            _pareto(fig, lang),
            _largest(fig, lang),
            _majors(fig, lang),
            _top_shares(fig, lang),
            _hhi(fig, lang),
            _gini(fig, lang),
        ]
    movement = [
        _growth(fig, lang),
        _movers(fig.get("top_growers"), 1, "rep.brief.grew.first", lang),
        _movers(fig.get("top_decliners"), -1, "rep.brief.fell.first", lang),
        _won_lost(fig, lang),
        _warnings(fig, lang),
    ]
    return [[s for s in shape if s], [s for s in movement if s]]


# ---- sentences -------------------------------------------------------------------------------


def _revenue(fig: dict, lang: str) -> str | None:
    total, n = _get(fig, "total_revenue"), _get(fig, "accounts")
    lead = _period(fig, lang)
    if total is not None:
        money = _money(total, fig.get("currency"), lang)
        if n is not None and n != 1:  # one account is told in the next sentence
            text = t("rep.brief.revenue.accounts", lang, lead=lead, money=money, n=_int(n, lang))
        else:
            text = t("rep.brief.revenue", lang, lead=lead, money=money)
    elif n is not None:
        key = "rep.brief.accounts.one" if n == 1 else "rep.brief.accounts.many"
        text = t(key, lang, lead=lead, n=_int(n, lang))
    else:
        return None
    return _capitalise(text)


def _single(fig: dict, lang: str) -> str:
    top = _top_accounts(fig)
    name = ", " + str(top[0]["name"]) if top else ""
    key = (
        "rep.brief.single.it" if _get(fig, "total_revenue") is not None else "rep.brief.single.all"
    )
    return t(key, lang, name=name)


def _pareto(fig: dict, lang: str) -> str | None:
    k, share = _get(fig, "accounts_to_80"), _get(fig, "share_accounts_to_80")
    if k is None or share is None:
        return None
    thr = _threshold(fig.get("pareto_threshold"), 0.80, lang)
    if k == 1:
        return t("rep.brief.pareto.one", lang, share=_pct(share, lang), thr=thr)
    return t("rep.brief.pareto.many", lang, n=_int(k, lang), share=_pct(share, lang), thr=thr)


def _largest(fig: dict, lang: str) -> str | None:
    """The largest account, or the accounts tied for largest. Left out when the major-customer
    sentence names it first anyway (one or more major customers, no tie)."""
    top = _top_accounts(fig)
    if not top:
        return None
    tied = [a for a in top if a["share"] == top[0]["share"]]
    share = _pct(top[0]["share"], lang)
    if len(tied) > 1:
        names = _join([str(a["name"]) for a in tied], lang)
        return t("rep.brief.largest.tie", lang, names=names, share=share)
    if fig.get("major_customers"):
        return None
    return t("rep.brief.largest", lang, name=str(top[0]["name"]), share=share)


def _majors(fig: dict, lang: str) -> str | None:
    majors = fig.get("major_customers")
    if majors is None:
        return None
    thr = _threshold(fig.get("major_threshold"), 0.10, lang)
    majors = sorted(majors, key=lambda a: -a["share"])
    if not majors:
        return t("rep.brief.major.none", lang, thr=thr)
    if len(majors) == 1:
        m = majors[0]
        return t(
            "rep.brief.major.one", lang, name=str(m["name"]), thr=thr, share=_pct(m["share"], lang)
        )
    items = [
        t("rep.brief.major.item", lang, name=str(m["name"]), share=_pct(m["share"], lang))
        for m in majors[:MAX_MAJORS]
    ]
    if len(majors) > MAX_MAJORS:
        items.append(t("rep.brief.more", lang, n=_int(len(majors) - MAX_MAJORS, lang)))
    n = _int(len(majors), lang)
    return t("rep.brief.major.many", lang, n=n, thr=thr, list=_join(items, lang))


def _top_shares(fig: dict, lang: str) -> str | None:
    """Top 5/10/20 shares; only groups smaller than the portfolio (the top 20 of 15 is all)."""
    shares = {int(k): v for k, v in (fig.get("top_shares") or {}).items() if v is not None}
    n = _get(fig, "accounts")
    sizes = [k for k in (5, 10, 20) if k in shares and (n is None or k < n)]
    if not sizes:
        return None
    if len(sizes) == 1:
        k = sizes[0]
        return t("rep.brief.top.one", lang, n=_int(k, lang), share=_pct(shares[k], lang))
    ns = _join([_int(k, lang) for k in sizes], lang)
    pcts = _join([t("rep.brief.top.share", lang, share=_pct(shares[k], lang)) for k in sizes], lang)
    return t("rep.brief.top.many", lang, ns=ns, shares=pcts)


def _hhi(fig: dict, lang: str) -> str | None:
    hhi = _get(fig, "hhi")
    if hhi is None:
        return None
    low = _get(fig, "hhi_moderate") or HHI_LOW
    high = _get(fig, "hhi_high") or HHI_HIGH
    lo, hi = fmt_num(low, lang), fmt_num(high, lang)
    if hhi < low:
        band = t("rep.brief.band.low", lang, lo=lo)
    elif hhi < high:
        band = t("rep.brief.band.moderate", lang, lo=lo, hi=hi)
    else:
        band = t("rep.brief.band.high", lang, hi=hi)
    eff = 10_000 / hhi if hhi > 0 else None
    if eff is None or round(eff, 1) <= 1.0:  # "1.0 accounts of equal size" says nothing
        return t("rep.brief.hhi.noeff", lang, hhi=fmt_num(hhi, lang), band=band)
    return t("rep.brief.hhi", lang, hhi=fmt_num(hhi, lang), band=band, eff=fmt_num(eff, lang, 1))


def _gini(fig: dict, lang: str) -> str | None:
    gini = _get(fig, "gini")
    return None if gini is None else t("rep.brief.gini", lang, gini=fmt_num(gini, lang, 2))


def _growth(fig: dict, lang: str) -> str | None:
    g = _get(fig, "growth")
    if g is None:
        return None
    label = fig.get("prev_label")
    vs = t("rep.brief.vs.label", lang, label=label) if label else t("rep.brief.vs.default", lang)
    pct = fmt_pct(abs(g), lang, 1)
    if pct == fmt_pct(0, lang, 1):  # a change that rounds to 0.0% is "flat"
        return t("rep.brief.growth.flat", lang, vs=vs)
    key = "rep.brief.growth.up" if g > 0 else "rep.brief.growth.down"
    return t(key, lang, pct=pct, vs=vs)


def _movers(rows, sign: int, first_key: str, lang: str) -> str | None:
    """'Acme grew 34.0%, Beta 12.1% and Gamma 8.0%.' (sign 1) or the falls (sign -1)."""
    moves = [(r.get("name"), _num(r.get("growth"))) for r in rows or []]
    moves = [(name, g) for name, g in moves if g is not None and g * sign > 0]
    if not moves:
        return None
    parts = []
    for i, (name, g) in enumerate(moves[:MAX_NAMES]):
        key = first_key if i == 0 else "rep.brief.moved.next"
        parts.append(t(key, lang, name=str(name), pct=_pct(abs(g), lang)))
    return _join(parts, lang) + "."


def _won_lost(fig: dict, lang: str) -> str | None:
    won, lost = _get(fig, "accounts_won"), _get(fig, "accounts_lost")
    if won is None and lost is None:
        return None
    if won == 0 and lost == 0:
        return t("rep.brief.wonlost.none", lang)
    if won is None:
        return _counted("rep.brief.lost.alone", lost, lang) + "."
    won_text = _counted("rep.brief.won", won, lang)
    if lost is None:
        return won_text + "."
    lost_text = _counted("rep.brief.lost", lost, lang)
    return t("rep.brief.wonlost", lang, won=won_text, lost=lost_text)


def _warnings(fig: dict, lang: str) -> str | None:
    w = fig.get("warnings")
    if not w or _num(w.get("count")) is None:
        return None
    count = int(w["count"])
    if count == 0:
        return t("rep.brief.warn.none", lang)
    at_stake = _num(w.get("revenue_at_stake"))
    stake = ""
    if at_stake is not None:
        stake = t("rep.brief.warn.stake", lang, money=_money(at_stake, fig.get("currency"), lang))
    if count == 1:
        return t("rep.brief.warn.one", lang, stake=stake)
    return t("rep.brief.warn.many", lang, n=_int(count, lang), stake=stake)


# ---- helpers ---------------------------------------------------------------------------------


def _num(x):
    """A usable number, or None for None / NaN / non-numbers."""
    if x is None or isinstance(x, bool):
        return None
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) or math.isinf(x) else x


def _get(fig: dict, key: str):
    return _num(fig.get(key))


def _period(fig: dict, lang: str) -> str:
    """'In 2024-Q3, ' / 'From 2024-Q1 to 2024-Q4, ' (or nothing), to lead the first sentence."""
    q_from, q_to = fig.get("q_from"), fig.get("q_to")
    if q_from and q_to and q_from != q_to:
        return t("rep.brief.period.range", lang, q_from=q_from, q_to=q_to)
    if q_from or q_to:
        return t("rep.brief.period.one", lang, q=q_from or q_to)
    return ""


def _int(n, lang: str) -> str:
    return fmt_num(int(n), lang)


def _pct(fraction, lang: str) -> str:
    """One decimal; two for shares too small to show with one (0.04% is not 0.0%)."""
    decimals = 2 if 0 < abs(fraction) < 0.0005 else 1
    return fmt_pct(fraction, lang, decimals)


def _threshold(value, default: float, lang: str) -> str:
    thr = default if _num(value) is None else float(value)
    return fmt_pct(thr, lang, 0 if round(thr * 100, 6).is_integer() else 1)


_TRAILING_ZERO = re.compile(r"(\d)[.,]0(?=\s?(?:k|M|B|mil)\b)")


def _money(x: float, currency: str | None, lang: str) -> str:
    """Compact amount with its currency: 'EUR 1.2M', 'EUR 250k' / '1,2 M EUR', '250 k EUR'."""
    body = _TRAILING_ZERO.sub(r"\1", fmt_money(x, lang, compact=True, currency=""))  # placed below
    if not currency:
        return body
    return f"{body} {currency}" if lang == "es" else f"{currency} {body}"


def _counted(prefix: str, n, lang: str) -> str:
    n = int(n)
    suffix = "none" if n == 0 else "one" if n == 1 else "many"
    return t(f"{prefix}.{suffix}", lang, n=_int(n, lang))


def _top_accounts(fig: dict) -> list[dict]:
    rows = fig.get("top_accounts") or fig.get("major_customers") or []
    rows = [r for r in rows if _num(r.get("share")) is not None and r.get("name") is not None]
    return sorted(rows, key=lambda a: -a["share"])


def _join(items: list[str], lang: str) -> str:
    """'A, B and C' / 'A, B y C' (Spanish 'e' before an /i/ sound: 'Acme e Iberia')."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    if lang == "es":
        conj = "e" if _starts_with_i_sound(last) else "y"
    else:
        conj = "and"
    return ", ".join(items[:-1]) + f" {conj} " + last


def _starts_with_i_sound(word: str) -> bool:
    w = word.strip().lower()
    if w.startswith(("hia", "hie", "hio", "hiu")):  # 'y hielo': a diphthong, not /i/
        return False
    return w.startswith(("i", "í", "hi", "hí"))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
