"""TODO docstring (accounts)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import pandas as pd

from kam_core.common.errors import ValidationError
from kam_core.common.quarter import valid_quarter
from kam_core.i18n import fmt_num, t

MAX_TEXT = 2000


class FieldError(ValidationError):
    """Bad value in one form field. ``field`` is an i18n key, translated when rendered."""

    key = "err.acc.field"

    def render(self, lang: str) -> str:

        params = dict(self.params)
        if "field" in params:
            params["field"] = t(params["field"], lang)
        for k in ("min", "max"):
            if isinstance(params.get(k), (int, float)):
                x = float(params[k])
                params[k] = fmt_num(x, lang, 0 if x == int(x) else 2)
        if "detail_key" in params:  # a row of a table editor: "Row 3: <the field's message>"
            params["detail"] = t(params.pop("detail_key"), lang, **params)
        return t(self.key, lang, **params)


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(value, str) and not value.strip()


def clean_text(value, field: str, required: bool = False, max_len: int = MAX_TEXT) -> str | None:
    """Trimmed text, stored verbatim (no HTML/SQL interpretation anywhere)."""
    if _blank(value):
        if required:
            raise FieldError("err.acc.required", field=field)
        return None
    text = str(value).strip()
    if len(text) > max_len:
        raise FieldError("err.acc.too_long", field=field, max=max_len)
    return text


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(value, field: str, required: bool = False) -> date | None:
    """A date from a date object or text in ISO (2026-03-31) or Spanish (31/03/2026) form."""
    if _blank(value):
        if required:
            raise FieldError("err.acc.required", field=field)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldError("err.acc.bad_date", field=field, value=text)


_NUM_RE = re.compile(r"^[-+]?[\d.,]*\d[\d.,]*$")


def _text_to_float(text: str, lang: str) -> float:
    """'1,234.5' / '1.234,5' / '12,5' -> float. With both separators the last one is the decimal
    mark; with one kind only, the language decides (en: ',' groups thousands; es: ',' is decimal)."""
    if not _NUM_RE.match(text):
        raise ValueError(text)
    sign = -1.0 if text.startswith("-") else 1.0
    body = text.lstrip("+-")
    if "," in body and "." in body:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
    elif "," in body:
        dec = "," if (lang == "es" or body.count(",") == 1 and len(body.split(",")[1]) != 3) else ""
    elif "." in body:
        dec = "." if (lang != "es" or body.count(".") == 1 and len(body.split(".")[1]) != 3) else ""
    else:
        dec = ""
    thousands = {",", "."} - {dec}
    for ch in thousands:
        body = body.replace(ch, "")
    if dec:
        if body.count(dec) > 1:
            raise ValueError(text)
        body = body.replace(dec, ".")
    return sign * float(body)


def parse_number(
    value,
    field: str,
    required: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
    lang: str = "en",
) -> float | None:
    """A number from a number or text ('1,234.5' or '1.234,5'); text that is not one is refused."""
    if _blank(value):
        if required:
            raise FieldError("err.acc.required", field=field)
        return None
    if isinstance(value, bool):
        raise FieldError("err.acc.not_number", field=field, value=str(value))
    if isinstance(value, (int, float)):
        x = float(value)
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
        try:
            x = _text_to_float(text, lang)
        except ValueError:
            raise FieldError("err.acc.not_number", field=field, value=str(value)) from None
    if math.isnan(x) or math.isinf(x):
        raise FieldError("err.acc.not_number", field=field, value=str(value))
    if minimum is not None and x < minimum:
        raise FieldError("err.acc.too_small", field=field, min=minimum)
    if maximum is not None and x > maximum:
        raise FieldError("err.acc.too_large", field=field, max=maximum)
    return x


def parse_choice(value, field: str, options, default: str | None = None) -> str:
    if _blank(value):
        if default is not None:
            return default
        raise FieldError("err.acc.required", field=field)
    text = str(value).strip()
    if text not in options:
        raise FieldError("err.acc.bad_choice", field=field, value=text)
    return text


def parse_quarter(value, field: str) -> str | None:
    if _blank(value):
        return None
    text = str(value).strip().upper().replace(" ", "")
    if not valid_quarter(text):
        raise FieldError("err.acc.bad_quarter", field=field, value=str(value))
    return text
