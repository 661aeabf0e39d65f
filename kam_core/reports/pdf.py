"""The review pack as an A4 landscape PDF: blocks -> HTML -> WeasyPrint.

    from kam_core.reports.blocks import Heading, Image, Kpis, Paragraphs, Table
    data = pdf_bytes("Acme – account review", [Heading("Revenue"), Kpis([...]), Image(png)], "es",
                     period="2024-Q1 – 2024-Q4")

Threat: account names, contacts and notes are typed by users and may hold ``<script>``, ``&`` or
quotes; HTML built from them could run or fetch things. So every piece of text goes through
``html.escape`` (attributes too), the running header and footer are HTML elements (not CSS
``content`` strings, which would need their own escaping), and the only URLs WeasyPrint may
load are ``data:`` URIs (the embedded charts): nothing from the network or the disk.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from kam_core.i18n import fmt_num, norm_lang, t
from kam_core.reports.blocks import (
    ACCENT,
    BAND,
    INK,
    MUTED,
    NAVY,
    RULE,
    Block,
    Heading,
    Image,
    Kpis,
    PageBreak,
    Paragraphs,
    Table,
    keep_units,
    table_rows,
)

_CSS = """
@page {
  size: A4 landscape;
  margin: 18mm 14mm 16mm 14mm;
  @top-left { content: element(header); }
  @bottom-left { content: element(footer); }
  @bottom-right { content: PAGE_COUNTER; font-size: 8.5pt; color: MUTED; }
}
@page :first { @top-left { content: none; } }
html { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; font-size: 11pt;
       color: INK; line-height: 1.35; }
body { margin: 0; }
.running-header { position: running(header); font-size: 8.5pt; color: MUTED; }
.running-footer { position: running(footer); font-size: 8.5pt; color: MUTED; }
h1 { color: NAVY; font-size: 24pt; margin: 0 0 1mm 0; line-height: 1.15; }
.subtitle { color: MUTED; font-size: 13pt; margin: 0 0 4mm 0; }
h1 + .rule, .subtitle + .rule { width: 30mm; height: 1.6mm; background: ACCENT; margin: 0 0 7mm 0; }
h2 { color: NAVY; font-size: 16pt; margin: 7mm 0 3mm 0; padding-bottom: 1.5mm;
     border-bottom: 0.6mm solid ACCENT; break-after: avoid; }
p { margin: 0 0 2.5mm 0; max-width: 235mm; orphans: 2; widows: 2; }
.kpis { display: flex; flex-wrap: wrap; gap: 4mm; margin: 2mm 0 5mm 0; }
.kpi { background: BAND; padding: 3.5mm 5mm; flex: 1 1 0; min-width: 45mm;
       box-sizing: border-box; break-inside: avoid; }
.kpi .label { color: MUTED; font-size: 10pt; }
.kpi .value { color: NAVY; font-size: 20pt; font-weight: bold; line-height: 1.2; }
figure { margin: 2mm 0 5mm 0; break-inside: avoid; text-align: center; }
figure img { max-width: 100%; max-height: 135mm; }
figcaption, .note { color: MUTED; font-size: 9.5pt; margin-top: 1.5mm; text-align: left; }
table { border-collapse: collapse; margin: 2mm 0 1mm 0; font-size: 10pt;
        font-variant-numeric: tabular-nums; }
th { background: NAVY; color: white; font-weight: bold; text-align: left; padding: 1.6mm 3mm;
     border: 0.3mm solid NAVY; }
td { padding: 1.3mm 3mm; border-bottom: 0.3mm solid RULE; }
tbody tr:nth-child(even) td { background: BAND; border-left: 0.3mm solid BAND;
                              border-right: 0.3mm solid BAND; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.pagebreak { break-before: page; }
"""

# Fonts come from fontconfig; charts are data: URIs. Nothing else may be fetched.
_FETCHER_PROTOCOLS = ("data",)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _css(lang: str) -> str:
    colours = {
        "NAVY": NAVY,
        "ACCENT": ACCENT,
        "INK": INK,
        "MUTED": MUTED,
        "BAND": BAND,
        "RULE": RULE,
    }
    css = _CSS.replace("PAGE_COUNTER", _page_counter(lang))
    for name, value in colours.items():
        css = css.replace(name, value)
    return css


def _page_counter(lang: str) -> str:
    """'Page {page} of {pages}' as a CSS content value with counters in place of the fields."""
    marker = "\x00"
    text = t("rep.page", lang, page=marker + "page" + marker, pages=marker + "pages" + marker)
    parts = []
    for i, piece in enumerate(text.split(marker)):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def _css_string(text: str) -> str:
    escaped = "".join(c if c.isalnum() or c in " .,:;-" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def _e(text) -> str:
    return html.escape(keep_units("" if text is None else str(text)), quote=True)


def _block_html(block: Block, lang: str) -> str:
    if isinstance(block, Heading):
        return f"<h2>{_e(block.text)}</h2>"
    if isinstance(block, Paragraphs):
        return "".join(f"<p>{_e(line)}</p>" for line in block.lines if str(line).strip())
    if isinstance(block, Kpis):
        cards = "".join(
            f'<div class="kpi"><div class="label">{_e(label)}</div>'
            f'<div class="value">{_e(value)}</div></div>'
            for label, value in block.items
        )
        return f'<div class="kpis">{cards}</div>'
    if isinstance(block, Image):
        if bytes(block.png[:8]) != _PNG_SIGNATURE:
            raise ValueError("Image blocks take PNG bytes (e.g. from images.png)")
        src = "data:image/png;base64," + base64.b64encode(block.png).decode("ascii")
        caption = f"<figcaption>{_e(block.caption)}</figcaption>" if block.caption else ""
        return f'<figure><img src="{src}" alt="{_e(block.caption or "")}">{caption}</figure>'
    if isinstance(block, Table):
        return _table_html(block, lang)
    if isinstance(block, PageBreak):
        return '<div class="pagebreak"></div>'
    raise TypeError(f"not a report block: {block!r}")


def _table_html(block: Table, lang: str) -> str:
    headers, rows, numeric, total = table_rows(
        block.df, block.columns, block.formats, lang, block.max_rows
    )

    def cls(j: int) -> str:
        return ' class="num"' if numeric[j] else ""

    head = "".join(f"<th{cls(j)}>{_e(h)}</th>" for j, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(j)}>{_e(c)}</td>" for j, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    notes = [block.caption] if block.caption else []
    if not rows:
        notes.append(t("rep.empty_table", lang))
    elif total > len(rows):
        notes.append(
            t("rep.rows_shown", lang, shown=fmt_num(len(rows), lang), total=fmt_num(total, lang))
        )
    note = f'<div class="note">{_e(" · ".join(notes))}</div>' if notes else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"


def pack_html(
    title: str,
    blocks: Sequence[Block],
    lang: str,
    subtitle: str | None = None,
    period: str | None = None,
    footer: str | None = None,
) -> str:
    """The HTML the PDF is rendered from (for tests and a look in a browser)."""
    lang = norm_lang(lang)
    footer_text = " · ".join(
        x for x in (footer if footer is not None else t("rep.footer.app", lang), period) if x
    )
    header_text = " · ".join(x for x in (title, period) if x)
    sub = f'<div class="subtitle">{_e(subtitle)}</div>' if subtitle else ""
    body = "\n".join(_block_html(b, lang) for b in blocks)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_css(lang)}</style></head><body>"
        f'<div class="running-header">{_e(header_text)}</div>'
        f'<div class="running-footer">{_e(footer_text)}</div>'
        f'<h1>{_e(title)}</h1>{sub}<div class="rule"></div>\n{body}</body></html>'
    )


def pdf_bytes(
    title: str,
    blocks: Sequence[Block],
    lang: str,
    subtitle: str | None = None,
    period: str | None = None,
    footer: str | None = None,
) -> bytes:
    """The review pack as PDF bytes: ``title`` on top, then the blocks in order.

    ``period`` goes in the running header and footer, ``footer`` (default "Cartera") in the
    footer, with "Page n of m" in ``lang``.
    """
    document = pack_html(title, blocks, lang, subtitle, period, footer)
    fetcher = URLFetcher(allowed_protocols=_FETCHER_PROTOCOLS)
    return HTML(string=document, url_fetcher=fetcher).write_pdf()
