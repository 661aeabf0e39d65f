"""Match a file's columns to Cartera's fields by English/Spanish synonyms; remember confirmed mappings.

Names are compared after folding case and accents and dropping everything but letters and digits,
so ``Razón social``, ``RAZON_SOCIAL`` and ``razonsocial`` are the same name. An exact match beats a
name that merely contains a synonym as a word (``Importe (EUR)``), and each column feeds one field.
The amount may be ``"ColA*ColB"``: quantity x unit price for invoice-line exports without a line
total (Online Retail).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from kam_core.common.errors import UploadError
from kam_core.store import db

# Field -> synonyms, most specific first. The order of FIELDS is the tie-break between fields.
SYNONYMS: dict[str, list[str]] = {
    "account": [
        "customer name",
        "customername",
        "nombre cliente",
        "nombre del cliente",
        "cliente",
        "customer",
        "account name",
        "account",
        "cuenta",
        "nombre cuenta",
        "razon social",
        "client",
        "client name",
        "company",
        "company name",
        "empresa",
        "denominacion",
        "sold to",
        "nombre",
    ],
    "account_id": [
        "customer id",
        "customerid",
        "customer number",
        "customer no",
        "customer code",
        "id cliente",
        "codigo cliente",
        "cod cliente",
        "num cliente",
        "numero cliente",
        "n cliente",
        "no cliente",
        "account id",
        "account number",
        "id cuenta",
        "codigo cuenta",
        "client id",
        "cif",
        "nif",
        "vat number",
        "tax id",
    ],
    "amount": [
        "amount",
        "importe",
        "net amount",
        "importe neto",
        "revenue",
        "ventas",
        "facturacion",
        "sales",
        "net sales",
        "ventas netas",
        "total",
        "line total",
        "total linea",
        "base imponible",
        "importe total",
        "total amount",
        "line amount",
        "valor",
        "value",
        "turnover",
        "ingresos",
        "neto",
        "importe eur",
        "amount eur",
        "subtotal",
    ],
    "date": [
        "date",
        "fecha",
        "order date",
        "orderdate",
        "fecha factura",
        "invoice date",
        "invoicedate",
        "fecha pedido",
        "fecha de factura",
        "fecha emision",
        "fecha venta",
        "sale date",
        "transaction date",
        "posting date",
        "fecha contable",
        "period",
        "periodo",
    ],
    "quantity": [
        "quantity",
        "cantidad",
        "unidades",
        "qty",
        "units",
        "quantityordered",
        "quantity ordered",
        "uds",
        "cant",
    ],
    "unit_price": [
        "unit price",
        "unitprice",
        "precio unitario",
        "precio",
        "price",
        "priceeach",
        "price each",
        "precio unidad",
        "pvp",
    ],
    "invoice": [
        "invoice",
        "factura",
        "n factura",
        "no factura",
        "num factura",
        "numero factura",
        "invoice no",
        "invoiceno",
        "invoice number",
        "order id",
        "orderid",
        "order number",
        "ordernumber",
        "pedido",
        "n pedido",
        "numero pedido",
        "albaran",
        "document",
        "documento",
    ],
    "product": [
        "product",
        "producto",
        "articulo",
        "product name",
        "productname",
        "stockcode",
        "stock code",
        "description",
        "descripcion",
        "product code",
        "productcode",
        "product id",
        "sku",
        "referencia",
        "item",
        "material",
    ],
    "product_line": [
        "product line",
        "productline",
        "linea de producto",
        "linea producto",
        "linea",
        "familia",
        "category",
        "categoria",
        "product family",
        "product category",
        "gama",
        "business line",
        "linea de negocio",
    ],
    "region": ["region", "zona", "territory", "territorio", "area", "delegacion", "sales region"],
    "country": ["country", "pais", "nation", "country name"],
    "segment": [
        "segment",
        "segmento",
        "customer segment",
        "sector",
        "industry",
        "canal",
        "channel",
        "tipo cliente",
    ],
    "kam": [
        "kam",
        "key account manager",
        "comercial",
        "vendedor",
        "sales rep",
        "salesrep",
        "gestor",
        "account manager",
        "agente",
        "representante",
        "salesperson",
        "sales person",
        "responsable",
        "owner",
    ],
    "margin": [
        "margin",
        "margen",
        "profit",
        "beneficio",
        "gross margin",
        "margen bruto",
        "contribution",
        "contribucion",
    ],
    "cost": ["cost", "coste", "costo", "cogs", "coste total", "total cost", "coste ventas"],
    "currency": ["currency", "moneda", "divisa", "curr", "currency code"],
}
FIELDS = list(SYNONYMS)
REQUIRED = ("account", "amount")  # account may be satisfied by account_id
TEXT_FIELDS = (
    "invoice",
    "product",
    "product_line",
    "region",
    "country",
    "segment",
    "kam",
    "currency",
)
NUMERIC_FIELDS = ("quantity", "unit_price", "margin", "cost")


def fold(name: str) -> str:
    """Lower case, no accents, words of letters/digits separated by one space."""
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower()).split())


def compact(name: str) -> str:
    return fold(name).replace(" ", "")


_EXACT = {compact(s): f for f, syns in SYNONYMS.items() for s in syns}


def is_known(cell: str) -> bool:
    """Does this header cell name a Cartera field? (used to find the header row)"""
    return compact(cell) in _EXACT


def _score(column: str, field: str) -> int:
    c, words = compact(column), set(fold(column).split())
    best = 0
    for rank, syn in enumerate(SYNONYMS[field]):
        if c == compact(syn):
            best = max(best, 1000 - rank)
        elif " " not in syn and syn in words and len(words) <= 3:
            best = max(best, 300 - rank)
        elif " " in syn and f" {syn} " in f" {fold(column)} ":
            best = max(best, 500 - rank)
    return best


def guess(columns: list[str]) -> dict[str, str]:
    """field -> column, greedily by match quality; each column used once."""
    candidates = []
    for fi, field in enumerate(FIELDS):
        for ci, col in enumerate(columns):
            s = _score(col, field)
            if s:
                candidates.append((-s, fi, ci, field, col))
    candidates.sort()
    mapping, used = {}, set()
    for _, _, _, field, col in candidates:
        if field in mapping or col in used:
            continue
        mapping[field] = col
        used.add(col)
    if "amount" not in mapping and "quantity" in mapping and "unit_price" in mapping:
        mapping["amount"] = f"{mapping['quantity']}*{mapping['unit_price']}"
    return mapping


def amount_parts(expr: str | None, columns: list[str]) -> list[str] | None:
    """``"Qty*Price"`` -> ``["Qty", "Price"]``; a plain column -> ``[col]``; None if not in file."""
    if not expr:
        return None
    if expr in columns:
        return [expr]
    if "*" in expr:
        parts = [p.strip() for p in expr.split("*")]
        if len(parts) == 2 and all(p in columns for p in parts):
            return parts
    return None


def choose(mapping: dict, field: str, column: str | None) -> dict:
    """``mapping`` with ``field`` reading ``column`` (None or empty: not in the file). A column
    feeds one field: a field that read ``column`` takes the column ``field`` had (the two
    swap), or nothing when ``field`` had none. The amount's ``"Qty*Price"`` is its own value
    (quantity and unit price keep their columns)."""
    out = dict(mapping)
    before = out.pop(field, None)
    if not column:
        return out
    for other, c in mapping.items():
        if other != field and c == column:
            if before and not (field == "amount" and "*" in before):
                out[other] = before
            else:
                out.pop(other)
    out[field] = column
    return out


def resolve(columns: list[str], guessed: dict[str, str], override: dict | None) -> dict[str, str]:
    """Apply user overrides (``None``/empty = not in file) and keep only columns that exist.

    Overrides may name a column loosely (case/accents): ``--map account=cliente``. A column
    chosen for a field that another field read swaps the two (:func:`choose`); two overrides
    naming the same column are refused (``upload.map_reused``), as the user asked for both.
    """
    mapping = dict(guessed)
    by_fold = {compact(c): c for c in columns}
    chosen: dict[str, str] = {}  # column -> the field the user gave it
    for field, col in (override or {}).items():
        if field not in FIELDS:
            raise UploadError("upload.unknown_field", field=field, fields=", ".join(FIELDS))
        if not col:
            mapping.pop(field, None)
            continue
        if field == "amount" and "*" in col and col not in columns:
            parts = [by_fold.get(compact(p), p.strip()) for p in col.split("*")]
            col = "*".join(parts)
        else:
            col = col if col in columns else by_fold.get(compact(col), col)
        if chosen.get(col, field) != field:
            raise UploadError("upload.map_reused", column=col, field=field, other=chosen[col])
        chosen[col] = field
        mapping = choose(mapping, field, col)
    return mapping


def layout_hash(columns: list[str]) -> str:
    return hashlib.sha256("\x1f".join(fold(c) for c in columns).encode()).hexdigest()


def remembered(con, columns: list[str]) -> dict[str, str] | None:
    """The mapping confirmed last time a file with this exact layout was loaded."""
    if con is None:
        return None
    raw = db.scalar(
        con, "SELECT mapping FROM column_mappings WHERE layout_hash = ?", [layout_hash(columns)]
    )
    if not raw:
        return None
    stored = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return {
        f: c
        for f, c in stored.items()
        if f in FIELDS and (c in columns or (f == "amount" and amount_parts(c, columns)))
    }


def remember(cur, columns: list[str], mapping: dict[str, str]) -> None:
    """Inside the commit transaction: store the confirmed mapping for this layout."""
    cur.execute(
        "INSERT INTO column_mappings (layout_hash, columns, mapping, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (layout_hash) DO UPDATE SET mapping = excluded.mapping, "
        "columns = excluded.columns, updated_at = excluded.updated_at",
        [layout_hash(columns), list(columns), json.dumps(mapping, ensure_ascii=False), db.utcnow()],
    )
