"""Finding one account among many: the Account 360 picker at 100,000 accounts (issue 9).

Pure: no database, no Streamlit. A drop-down of every account cost the page ~100 ms a rerun at
100,000 accounts (the widget maps and sends every option), so the picker lists a bounded set,
:func:`top` (the first ``TOP`` accounts in picker order: key accounts by rank, then the rest by
revenue), and a search box finds any account with :func:`find` over an :class:`Index` (built on
the first search of a data version and selection: a page that is not searched never pays for it).

Matching: every word of the query must occur in the account's name or key, accents and case
ignored (``cantabrica`` finds ``Transportes Cantábrica S.L.U.``). Best first: the name or key equal
to the query, then starting with it, then a word of the name starting with it, then anywhere; ties
in picker order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOP = 500  # accounts the picker lists without a search (plus the open one)
LIMIT = 50  # search results listed (the total is reported; more words narrow it)


def fold(text) -> str:
    """The search form of a name, key or query: accents stripped, casefolded, runs of whitespace
    one space, trimmed (``"  Cantábrica\\tS.L. "`` -> ``"cantabrica s.l."``)."""
    if text is None:
        return ""
    plain = str(text)
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True, eq=False)
class Index:
    """Accounts in picker order with their folded names and keys; built once, never changed."""

    keys: tuple[str, ...]
    names: tuple[str, ...]  # folded
    codes: tuple[str, ...]  # folded keys
    texts: tuple[str, ...]  # name TAB key: a query (no tab after fold) matches one or the other

    def __len__(self) -> int:
        return len(self.keys)


def build(keys: Iterable, names: Iterable) -> Index:
    """An :class:`Index` of ``keys`` (in picker order) named ``names``."""
    keys = tuple(str(k) for k in keys)
    names = tuple(fold(n) for n in names)
    codes = tuple(fold(k) for k in keys)
    texts = tuple(f"{n}\t{c}" for n, c in zip(names, codes, strict=True))
    return Index(keys, names, codes, texts)


def top(keys: Sequence[str], n: int = TOP, allowed: frozenset | None = None) -> list[str]:
    """The first ``n`` of ``keys`` (in picker order), of ``allowed`` only when given."""
    if allowed is None:
        return list(keys[:n])
    return [k for k in keys if k in allowed][:n]


def find(
    index: Index, query: str, limit: int = LIMIT, allowed: frozenset | None = None
) -> tuple[list[str], int]:
    """``(keys, total)``: the best ``limit`` accounts matching ``query`` (rules in the module
    docstring), of ``allowed`` only when given, and how many match in all. An empty query
    matches nothing."""
    q = fold(query)
    if not q:
        return [], 0
    keys, texts = index.keys, index.texts
    words = q.split(" ")
    hits = [i for i, s in enumerate(texts) if words[0] in s]
    for w in words[1:]:
        hits = [i for i in hits if w in texts[i]]
    if allowed is not None:
        hits = [i for i in hits if keys[i] in allowed]
    names, codes, spaced = index.names, index.codes, " " + q
    exact: list[int] = []
    starts: list[int] = []
    word: list[int] = []
    inside: list[int] = []
    for n, i in enumerate(hits):  # in picker order, so each group stays in picker order
        name, code = names[i], codes[i]
        if name.startswith(q) or code.startswith(q):
            (exact if name == q or code == q else starts).append(i)
            if len(starts) >= limit:  # only an equal name or key ranks above these
                rest = hits[n + 1 :]
                exact += [j for j in rest if names[j] == q or codes[j] == q]
                break
        elif spaced in name:
            word.append(i)
        else:
            inside.append(i)
    best = (exact + starts + word + inside)[: max(limit, 0)]
    return [keys[i] for i in best], len(hits)
