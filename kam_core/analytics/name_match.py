"""Likely duplicate accounts by name (F-IN-5); imports only pandas, numpy, rapidfuzz and stdlib.

Two public functions, both pure (no database, no I/O):

``normalise(name) -> str``
    The comparison form of an account name: accents stripped, casefolded, apostrophes dropped
    (``O'Donnell`` -> ``odonnell``), other punctuation turned into spaces, whitespace collapsed,
    runs of single letters joined (``S. A.`` / ``S A`` / ``s.a`` -> ``sa``, not across a comma or
    a hyphen) and legal forms removed
    from the END of the name, repeatedly (``Acme, S.A. de C.V.``, ``Acme GmbH & Co. KG``,
    ``Smith and Co``). Only a handful of forms that really are written first (``SA``, ``AB``,
    ``Oy``, ``PT``, ``OOO``) and an English leading ``the`` are removed from the START, and
    ``nº``/``no``/``num`` before a number is dropped (``Tienda nº 12`` = ``Tienda 12``). Forms in
    the middle of a name are kept (``Acme Inc Spain``). The last remaining word is never removed, so
    ``SA Logistics`` -> ``logistics`` and ``S.A.`` -> ``sa``; a name with no letters or digits comes
    back casefolded and stripped, so the result is empty only for an empty name.

``suggest(accounts, threshold=0.7) -> list[dict]``
    Groups of likely duplicates, best first. Input columns: ``key`` and ``name`` (required);
    optional ``revenue``, ``quarters``, ``product_lines``, ``regions`` (each a list/tuple/set or a
    comma-separated string) and ``account_id``. Each group is
    ``{"accounts": [survivor, other keys...], "score": 0-1, "evidence": {...}}``.

How a pair of accounts is judged (words = the tokens of the normalised name):
  * ``same_normalised_name`` scores 0.94; ``word_order`` (same words sorted) and ``spacing`` (same
    letters once spaces are removed: ``Coca Cola`` / ``CocaCola``) score 0.90.
  * ``typo``: drop the words both names share; pair off the differing words (a left-over word on
    one side only, as in ``Acme`` / ``Acme Iberia``, is not a typo unless joining the differing
    words makes them match). Each pair must be within the edit budget of its longer word
    (optimal string alignment: a swap of two neighbours is 1 edit), which depends on what the
    names share:
      - ``strong``: a shared distinctive word (not in the generic-word list such as ``grupo``,
        ``transportes``, ``norte``, no digits, 3+ letters, in at most max(5, 0.1 %) of the
        accounts): words of 1-2 letters must be equal, 3-8 letters allow 1 edit, 9+ allow 2;
      - ``weak`` (only generic words shared) and ``none`` (nothing shared): words up to 4 letters
        (``weak``) or 5 letters (``none``) must be equal, then 1 edit up to 8 letters, 2 beyond,
        and the first letter must be the same (``Madan`` / ``Sadan`` are two names);
      - a differing word with a digit must be equal (``Tienda 12`` / ``Tienda 13``).
    So ``Grupo Norte`` / ``Grupo Sur``, ``Grupo Sur`` / ``Grupo Sul``, ``Acme Iberia`` /
    ``Acme Portugal`` and ``Bosch`` / ``Busch`` are different companies, while ``Transportes
    Cantabrica`` / ``Transportes Cantábrca`` and ``Ken Heidel`` / ``Ke Heidel`` are suggested.
    Typo score = 0.88 - 0.06 per edit, - 0.04 unless the context is ``strong``.
  * ``same_id``: the same non-blank ``account_id`` makes a pair even when the names differ
    (score at least 0.90).
  * Corroborating evidence adds 0.02 each (capped at 1.0): shared product lines, shared regions,
    quarters that do not overlap (one name stops when the other starts: a rename is likely), and
    ``same_id`` on top of a name match. It never creates a pair on its own.
  * Pairs scoring below ``threshold`` (default 0.7, below every rule above) are dropped.

Blocking (what keeps 20,000 accounts to seconds): candidate pairs come only from (1) accounts with
the same normalised name, sorted words, name without spaces or account id, and (2) blocks keyed by
the digits of the name plus the first four or the last four letters of each account's two rarest
words (one typo leaves one of those keys intact in a long word; the other word carries the short
ones). Inside a fuzzy block, ``rapidfuzz.process.cdist`` (Indel distance <= 6 on the sorted-word or
the plain form) pre-filters before the word rules run. Keys shared by more than 2,000 accounts are
not blocks (a word that common says nothing), and exact buckets of more than 200 accounts only
pair each member with the bucket's strongest account. A typo on the first letter of a word that
also changes the word order is not looked for.

Clusters (no chaining): accounts are visited in survivor order (highest ``revenue``, then most
``quarters``, then ``key``); a not yet grouped account with at least one not yet grouped partner
becomes a survivor and takes every not yet grouped account that matches IT directly. So every
member of a group matches its survivor; A~B~C with A !~ C never lands in one group. The group
score is the weakest member-to-survivor score.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

# Legal forms as token sequences, after punctuation is gone and single letters are joined
# ("S. de R.L. de C.V." -> "s de rl de cv"). Longest first so "sa de cv" wins over "de cv".
_SINGLE_FORMS = """
    sa sau sal sad sl slu sll slne srl sas sarl spa sac saa sapi sab saic sca sc scoop ltda limitada
    eirl inc incorporated ltd limited llc llp lp plc corp corporation co company cia compania gmbh
    ag kg ohg ug bv nv oy oyj ab as asa aps se kft sro doo pty pte bhd sdn kk cv rl
""".split()
_MULTI_FORMS = """
    s+coop soc+coop sdad+coop sociedad+cooperativa s+de+rl de+rl de+cv s+en+c sociedad+anonima
    sociedad+limitada
""".split()
_FORMS = sorted(
    {(w,) for w in _SINGLE_FORMS} | {tuple(f.split("+")) for f in _MULTI_FORMS},
    key=len,
    reverse=True,
)
_FORMS_BY_LAST: dict[str, list[tuple[str, ...]]] = defaultdict(list)
for _form in _FORMS:
    _FORMS_BY_LAST[_form[-1]].append(_form)
_PREFIX_FORMS = {"sa", "ab", "oy", "pt", "ooo", "the"}
# Words too common in company names to vouch for a typo elsewhere in the name.
_GENERIC = frozenset(
    """
    grupo group distribuciones distribucion distribuidora transportes transporte comercial
    comercializadora hermanos hnos hijos industrias industria industrial servicios servicio
    service services construcciones constructora talleres taller hoteles hotel tienda tiendas
    bodegas bodega suministros productos soluciones solutions logistica logistics global
    international internacional iberica iberia espana spain europa europe holding holdings
    trading consulting consultores asociados associates partners inversiones inmobiliaria
    gestion management sistemas systems tecnologia technology technologies ingenieria
    engineering energia energy alimentacion alimentos foods importaciones exportaciones
    farmacia restaurante supermercados centro norte sur este oeste north south east west
    del las los the and for por con
""".split()
)
_RARE_MIN, _RARE_SHARE = 5, 0.001  # distinctive: in at most max(5, 0.1% of accounts)
# context -> (longest word allowed no edit, longest word allowed one edit); longer words: two.
_SHORT_WORD = {"strong": (2, 8), "weak": (4, 8), "none": (5, 8)}
_CONNECTORS = {"y", "e", "and", "et", "und"}
_NUMBER_WORDS = {"n", "no", "num", "nro", "numero"}
_APOSTROPHES = re.compile(r"['’`´]")
# Single letters are joined across spaces, dots and slashes (``S. A.``, ``S/A``) but not across
# other punctuation, so ``Acme S.A., S.A.`` is two forms and not ``sasa``.
_STRONG_SEPARATOR = re.compile(r"[^\w\s./]+|_+")
_WEAK_SEPARATOR = re.compile(r"[\s./]+")
_DIGITS = re.compile(r"\d+")

_PREFILTER = 6  # insertions + deletions beyond which a fuzzy pair is not examined
_MAX_BLOCK = 2000
_MAX_EXACT = 200
_BONUS = 0.02


def normalise(name) -> str:
    """The comparison form of an account name (rules in the module docstring)."""
    if _is_missing(name):
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    segments = _STRONG_SEPARATOR.split(_APOSTROPHES.sub("", text))
    tokens = [t for seg in segments for t in _join_letters(_WEAK_SEPARATOR.split(seg)) if t]
    if not tokens:
        return text.strip()
    core = _strip_forms(_drop_number_words(tokens))
    return " ".join(core or tokens)


def _is_missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _join_letters(tokens: list[str]) -> list[str]:
    """Join runs of two or more single letters: ['s', 'a', 'acme'] -> ['sa', 'acme']."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if tok:
            out.append(tok)
    return out


def _drop_number_words(tokens: list[str]) -> list[str]:
    keep = [
        t
        for i, t in enumerate(tokens)
        if not (t in _NUMBER_WORDS and i + 1 < len(tokens) and tokens[i + 1][:1].isdigit())
    ]
    return keep or tokens


def _strip_suffix_form(tokens: list[str]) -> list[str] | None:
    for form in _FORMS_BY_LAST.get(tokens[-1], ()):
        n = len(form)
        if len(tokens) > n and tuple(tokens[-n:]) == form:
            rest = tokens[:-n]
            if len(rest) > 1 and rest[-1] in _CONNECTORS:
                rest = rest[:-1]
            return rest
    return None


def _strip_forms(tokens: list[str]) -> list[str]:
    while True:
        shorter = _strip_suffix_form(tokens)
        if shorter is None:
            break
        tokens = shorter
    while len(tokens) > 1 and tokens[0] in _PREFIX_FORMS:
        tokens = tokens[1:]
    return tokens


# --------------------------------------------------------------------------- accounts


@dataclass(frozen=True)
class _Account:
    key: str
    norm: str
    tokens: tuple[str, ...]
    revenue: float
    quarters: frozenset
    product_lines: frozenset
    regions: frozenset
    account_id: str
    distinctive: frozenset = frozenset()

    @property
    def sorted_form(self) -> str:
        return " ".join(sorted(self.tokens))

    @property
    def compact(self) -> str:
        return "".join(self.tokens)

    def priority(self) -> tuple:
        return (-self.revenue, -len(self.quarters), self.key)


def _as_set(value) -> frozenset:
    """A cell holding a list/tuple/set/array or a comma-separated string, as a casefolded set."""
    if _is_missing(value):
        return frozenset()
    items = value.split(",") if isinstance(value, str) else list(value)
    return frozenset(s for s in (str(v).strip().casefold() for v in items) if s)


def _column(frame: pd.DataFrame, name: str, default) -> list:
    return frame[name].tolist() if name in frame.columns else [default] * len(frame)


def _prepare(accounts: pd.DataFrame) -> list[_Account]:
    norms = [normalise(name) for name in accounts["name"].tolist()]
    df = Counter(t for norm in norms for t in set(norm.split()))
    rare = max(_RARE_MIN, int(_RARE_SHARE * len(norms)))
    revenue = pd.to_numeric(pd.Series(_column(accounts, "revenue", 0.0)), errors="coerce")
    columns = zip(
        accounts["key"].tolist(),
        norms,
        revenue.fillna(0.0).astype(float).tolist(),
        _column(accounts, "quarters", None),
        _column(accounts, "product_lines", None),
        _column(accounts, "regions", None),
        _column(accounts, "account_id", None),
        strict=True,
    )
    return [
        _Account(
            key=str(key),
            norm=norm,
            tokens=tuple(norm.split()),
            revenue=rev,
            quarters=_as_set(quarters),
            product_lines=_as_set(lines),
            regions=_as_set(regions),
            account_id="" if _is_missing(raw_id) else str(raw_id).strip(),
            distinctive=frozenset(t for t in norm.split() if _is_distinctive(t, df[t], rare)),
        )
        for key, norm, rev, quarters, lines, regions, raw_id in columns
    ]


def _is_distinctive(token: str, count: int, rare: int) -> bool:
    return count <= rare and len(token) >= 3 and token not in _GENERIC and token.isalpha()


# --------------------------------------------------------------------------- candidate pairs


def _exact_pairs(accs: list[_Account]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for attr in ("norm", "sorted_form", "compact", "account_id"):
        buckets: dict[str, list[int]] = defaultdict(list)
        for i, a in enumerate(accs):
            value = getattr(a, attr)
            if value:
                buckets[value].append(i)
        for members in buckets.values():
            pairs.update(_bucket_pairs(members, accs))
    return pairs


def _bucket_pairs(members: list[int], accs: list[_Account]):
    if len(members) < 2:
        return []
    if len(members) <= _MAX_EXACT:
        return [(min(i, j), max(i, j)) for i, j in itertools.combinations(members, 2)]
    top = min(members, key=lambda i: accs[i].priority())
    return [(min(top, j), max(top, j)) for j in members if j != top]


def _block_keys(accs: list[_Account]) -> dict[str, list[int]]:
    df = Counter(t for a in accs for t in set(a.tokens))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(accs):
        rare = sorted(set(a.tokens), key=lambda t: (df[t], -len(t), t))[:2]
        numbers = " ".join(sorted(_DIGITS.findall(a.norm)))
        for key in {k for t in rare for k in (t[:4], t[-4:])}:
            blocks[f"{numbers}|{key}"].append(i)
    return blocks


def _fuzzy_pairs(accs: list[_Account]) -> set[tuple[int, int]]:
    sorted_forms = [a.sorted_form for a in accs]
    plain_forms = [a.norm for a in accs]
    pairs: set[tuple[int, int]] = set()
    for members in _block_keys(accs).values():
        if not 2 <= len(members) <= _MAX_BLOCK:
            continue
        idx = np.asarray(members)
        hits = _similar(idx, sorted_forms) | _similar(idx, plain_forms)
        for r, c in zip(*np.nonzero(np.triu(hits, 1)), strict=True):
            i, j = int(idx[r]), int(idx[c])
            pairs.add((min(i, j), max(i, j)))
    return pairs


def _similar(idx: np.ndarray, forms: list[str]) -> np.ndarray:
    chosen = [forms[i] for i in idx]
    distances = process.cdist(
        chosen, chosen, scorer=Indel.distance, score_cutoff=_PREFILTER, dtype=np.uint8, workers=-1
    )
    return distances <= _PREFILTER


# --------------------------------------------------------------------------- judging a pair


def _budget(token: str, context: str) -> int:
    """Edits a differing word may carry in a context (``strong``/``weak``/``none``, see above)."""
    n = len(token)
    short, long_ = _SHORT_WORD[context]
    if n <= short:
        return 0
    return 1 if n <= long_ else 2


def _leftovers(ta: tuple[str, ...], tb: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """The tokens of each side that the other lacks (as multisets), and the shared ones."""
    ra, rb, shared = [], list(tb), []
    for tok in ta:
        if tok in rb:
            rb.remove(tok)
            shared.append(tok)
        else:
            ra.append(tok)
    return ra, rb, shared


def _within_budget(a: str, b: str, context: str) -> int | None:
    """Edits between two differing words, or None when beyond the budget of the context."""
    digits = any(c.isdigit() for c in a + b)
    limit = 0 if digits else _budget(max(a, b, key=len), context)
    if limit == 0 or (context != "strong" and a[:1] != b[:1]):
        return None
    d = OSA.distance(a, b, score_cutoff=limit)
    return d if d <= limit else None


def _typo_distance(a: _Account, b: _Account) -> tuple[int, str] | None:
    """(edits, context) when every differing word is within its budget, else None."""
    ra, rb, shared = _leftovers(a.tokens, b.tokens)
    context = "strong" if a.distinctive.intersection(shared) else "weak" if shared else "none"
    if len(ra) != len(rb):
        d = _within_budget("".join(ra), "".join(rb), context)
        return None if d is None else (d, context)
    edits = 0
    pool = list(rb)
    for tok in sorted(ra, key=len, reverse=True):
        best = min(pool, key=lambda other: OSA.distance(tok, other))
        d = _within_budget(tok, best, context)
        if d is None:
            return None
        edits += d
        pool.remove(best)
    return edits, context


def _name_evidence(a: _Account, b: _Account) -> tuple[float, list[str], int | None]:
    if not a.norm or not b.norm:  # a blank name matches nothing by name
        return 0.0, [], None
    if a.norm == b.norm:
        return 0.94, ["same_normalised_name"], 0
    if a.sorted_form == b.sorted_form:
        return 0.90, ["word_order"], 0
    if a.compact == b.compact:
        return 0.90, ["spacing"], 0
    typo = _typo_distance(a, b)
    if typo is None:
        return 0.0, [], None
    edits, context = typo
    if edits == 0:
        return 0.90, ["spacing"], 0
    return 0.88 - 0.06 * edits - (0.0 if context == "strong" else 0.04), ["typo"], edits


def _judge(a: _Account, b: _Account) -> dict | None:
    name_score, reasons, edits = _name_evidence(a, b)
    same_id = bool(a.account_id) and a.account_id == b.account_id
    if not reasons and not same_id:
        return None
    shared_lines = sorted(a.product_lines & b.product_lines)
    shared_regions = sorted(a.regions & b.regions)
    disjoint = bool(a.quarters and b.quarters and not a.quarters & b.quarters)
    extras = [
        ("same_id", same_id and bool(reasons)),
        ("shared_product_lines", bool(shared_lines)),
        ("shared_regions", bool(shared_regions)),
        ("non_overlapping_quarters", disjoint),
    ]
    score = max(name_score, 0.90 if same_id else 0.0)
    score += _BONUS * sum(flag for _, flag in extras)
    reasons = reasons + (["same_id"] if same_id else [])
    reasons += [code for code, flag in extras[1:] if flag]
    return {
        "score": round(min(score, 1.0), 4),
        "reasons": reasons,
        "same_normalised_name": a.norm == b.norm,
        "token_set_similarity": round(fuzz.token_set_ratio(a.norm, b.norm) / 100, 4),
        "typo_distance": edits,
        "shared_product_lines": shared_lines,
        "shared_regions": shared_regions,
        "non_overlapping_quarters": disjoint,
        "same_id": same_id,
    }


# --------------------------------------------------------------------------- clusters


def _edges(accs: list[_Account], threshold: float) -> dict[int, dict[int, dict]]:
    adjacency: dict[int, dict[int, dict]] = defaultdict(dict)
    for i, j in _exact_pairs(accs) | _fuzzy_pairs(accs):
        if accs[i].key == accs[j].key:
            continue
        evidence = _judge(accs[i], accs[j])
        if evidence is not None and evidence["score"] >= threshold:
            adjacency[i][j] = evidence
            adjacency[j][i] = evidence
    return adjacency


def _clusters(accs: list[_Account], adjacency: dict[int, dict[int, dict]]):
    grouped: set[int] = set()
    for s in sorted(adjacency, key=lambda i: accs[i].priority()):
        if s in grouped:
            continue
        members = sorted(
            (j for j in adjacency[s] if j not in grouped), key=lambda j: accs[j].priority()
        )
        if members:
            grouped.update([s, *members])
            yield s, members


def _group(accs: list[_Account], s: int, members: list[int], adjacency) -> dict:
    pairs = [{"key": accs[j].key, **adjacency[s][j]} for j in members]
    edits = [p["typo_distance"] for p in pairs if p["typo_distance"] is not None]
    evidence = {
        "reasons": sorted({r for p in pairs for r in p["reasons"]}),
        "normalised": {accs[i].key: accs[i].norm for i in [s, *members]},
        "same_normalised_name": all(p["same_normalised_name"] for p in pairs),
        "token_set_similarity": min(p["token_set_similarity"] for p in pairs),
        "typo_distance": max(edits) if edits else None,
        "shared_product_lines": sorted({x for p in pairs for x in p["shared_product_lines"]}),
        "shared_regions": sorted({x for p in pairs for x in p["shared_regions"]}),
        "non_overlapping_quarters": any(p["non_overlapping_quarters"] for p in pairs),
        "same_id": any(p["same_id"] for p in pairs),
        "pairs": pairs,
    }
    return {
        "accounts": [accs[i].key for i in [s, *members]],
        "score": min(p["score"] for p in pairs),
        "evidence": evidence,
        "_order": (-min(p["score"] for p in pairs), *accs[s].priority()),
    }


def suggest(accounts: pd.DataFrame, threshold: float = 0.7) -> list[dict]:
    """Groups of likely duplicate accounts, most confident first (rules in the module docstring).

    Each group: ``accounts`` (keys, the suggested survivor first), ``score`` (0-1, the weakest
    member-to-survivor score) and ``evidence`` (``reasons``, ``normalised`` names, the aggregated
    signals and one entry per member in ``pairs``).
    """
    if accounts.empty:
        return []
    accs = _prepare(accounts)
    adjacency = _edges(accs, threshold)
    groups = [_group(accs, s, members, adjacency) for s, members in _clusters(accs, adjacency)]
    groups.sort(key=lambda g: g["_order"])
    for g in groups:
        del g["_order"]
    return groups
