"""16:9 PowerPoint decks for commercial meetings, readable from the back of the room.

    deck = Deck("es", period="2024-Q1 – 2024-Q4")
    deck.title_slide("Revisión de cartera", "Dirección comercial")
    deck.text_slide("Resumen", brief(figures, "es"))
    deck.kpi_slide("Cifras clave", [("Facturación", "12,3 M EUR"), ("Cuentas", "152")])
    deck.image_slide("Pareto", images.png(fig, **images.SLIDE_CHART), caption="...")
    deck.table_slide("Mayores cuentas", df, {"name": "Cuenta", "revenue": "Facturación"},
                     {"revenue": "money"})
    data = deck.to_bytes()

One look: white slides, a navy title with a short orange rule under it (the one accent colour),
Arial (present everywhere; Liberation Sans is its metric twin on Linux), body text never below
14 pt, a footer with the period and the slide number. Tables are real PowerPoint tables with
cells formatted in the deck's language (``blocks.format_cell``), so they can be edited and read
by screen readers. All text goes in as plain text: python-pptx writes it as XML text, never as
markup, and control characters are dropped here.

python-pptx cannot measure text, so it is measured here with Pillow in Liberation Sans (Arial's
metric twin: same advance widths), wrapped greedily as PowerPoint does, and a size shrinks step by
step until the text fits its box. Without that font file, a conservative average width is used.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
from PIL import Image as PILImage
from PIL import ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from kam_core.i18n import fmt_num, norm_lang, t
from kam_core.reports.blocks import (
    ACCENT,
    BAND,
    INK,
    MUTED,
    NAVY,
    Format,
    keep_units,
    table_rows,
)

FONT = "Arial"
SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
MARGIN = 0.6
CONTENT_TOP = 1.45
CONTENT_BOTTOM = 6.85
FOOTER_TOP = 7.0
_CHAR_EM = 0.55  # Arial's average advance for mixed text, in ems, rounded up (no font file)
_SAFETY = 1.06  # renderers differ a little (kerning, hinting): measure 6% wide
_FONT_FILES = {  # Arial or its metric twin, by weight
    False: (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/msttcorefonts/Arial.ttf",
        "C:/Windows/Fonts/arial.ttf",
        "/Library/Fonts/Arial.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/msttcorefonts/Arial_Bold.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
        "/Library/Fonts/Arial Bold.ttf",
    ),
}
_LINE = 1.2  # line height in ems
_CELL_PAD = 0.2  # inches of left + right cell margin
_MAX_CELL_CHARS = 60
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_LAYOUT_TITLE, _LAYOUT_TITLE_ONLY = 0, 5  # in python-pptx's default template


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _plain(text, one_line: bool = False) -> str:
    text = _CONTROL.sub(" ", "" if text is None else str(text))
    return keep_units(" ".join(text.split()) if one_line else text)


def _truncate(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@lru_cache(maxsize=2)
def _measuring_font(bold: bool):
    for path in _FONT_FILES[bold]:
        if Path(path).is_file():
            return ImageFont.truetype(path, 100)
    return None


def _text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width in inches of ``text`` in Arial at ``size_pt``."""
    font = _measuring_font(bold)
    if font is None:
        return len(text) * size_pt * _CHAR_EM / 72
    return font.getlength(text) / 100 * size_pt / 72 * _SAFETY


def _wrap(text: str, width_in: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy line breaking at spaces, as PowerPoint does; a word wider than the box is broken
    between characters (PowerPoint does that too)."""
    lines: list[str] = []
    for part in text.split("\n"):
        current = ""
        for word in part.split(" "):
            trial = f"{current} {word}" if current else word
            if _text_width(trial, size_pt, bold) <= width_in:
                current = trial
                continue
            if current:
                lines.append(current)
            current = word
            while len(current) > 1 and _text_width(current, size_pt, bold) > width_in:
                cut = len(current) - 1
                while cut > 1 and _text_width(current[:cut], size_pt, bold) > width_in:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def _lines_needed(text: str, width_in: float, size_pt: float, bold: bool = False) -> int:
    """Lines ``text`` takes in a box ``width_in`` wide."""
    return len(_wrap(text, width_in, size_pt, bold))


def _clip(text: str, width_in: float, size_pt: float, max_lines: int, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so that it takes at most ``max_lines`` lines."""
    lines = _wrap(text, width_in, size_pt, bold)
    if len(lines) <= max_lines:
        return text
    last = lines[max_lines - 1]
    while last and _text_width(last + "…", size_pt, bold) > width_in:
        last = last[:-1]
    return " ".join(lines[: max_lines - 1] + [last.rstrip() + "…"])


def _fit_each(texts: Sequence[str], width_in: float, height_in: float, sizes: Sequence[int]):
    """The largest size in ``sizes`` at which each text alone fits the box."""
    return min((_fit([x], width_in, height_in, sizes) for x in texts), default=sizes[0])


def _fit_line(texts: Sequence[str], width_in: float, sizes: Sequence[int], bold: bool) -> int:
    """The largest size in ``sizes`` at which every text fits on one line."""
    for size in sizes:
        if all(_text_width(x, size, bold) <= width_in for x in texts):
            return size
    return sizes[-1]


def _fit(
    texts: Sequence[str],
    width_in: float,
    height_in: float,
    sizes: Sequence[int],
    gap_pt: float = 0,
    bold: bool = False,
) -> int:
    """The largest size in ``sizes`` at which ``texts`` (one paragraph each) fit the box."""
    for size in sizes:
        lines = sum(_lines_needed(x, width_in, size, bold) for x in texts)
        height = (lines * size * _LINE + gap_pt * max(0, len(texts) - 1)) / 72
        if height <= height_in:
            return size
    return sizes[-1]


class Deck:
    """A 16:9 deck in ``lang``; ``period`` and ``footer`` (default "Cartera") go in every footer.

    Every ``*_slide`` method adds one slide and returns it (a python-pptx ``Slide``).
    """

    def __init__(self, lang: str, period: str | None = None, footer: str | None = None):
        self.lang = norm_lang(lang)
        self.period = period
        self.footer = footer if footer is not None else t("rep.footer.app", self.lang)
        self.prs = Presentation()
        self.prs.slide_width = Inches(SLIDE_W)
        self.prs.slide_height = Inches(SLIDE_H)

    # ---- slides ------------------------------------------------------------------------------

    def title_slide(self, title: str, subtitle: str | None = None):
        """Opening slide: navy background, large white title, subtitle and period."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_LAYOUT_TITLE])
        bg = slide.background.fill
        bg.solid()
        bg.fore_color.rgb = _rgb(NAVY)
        title = _plain(title, one_line=True)
        width = SLIDE_W - 2 * MARGIN
        size = _fit([title], width - 0.1, 2.2, (44, 40, 36, 32, 28), bold=True)
        _place(slide.shapes.title, MARGIN, 1.6, width, 2.2)
        _write(
            slide.shapes.title.text_frame,
            [title],
            size,
            "#ffffff",
            bold=True,
            anchor=MSO_ANCHOR.BOTTOM,
        )
        _rule(slide, MARGIN, 3.95, 1.6, 0.08)
        sub = slide.placeholders[1]
        lines = [_plain(x, one_line=True) for x in (subtitle, self.period) if x]
        if not lines:  # an empty placeholder would say "Click to add subtitle" when edited
            sub._element.getparent().remove(sub._element)
            return slide
        _place(sub, MARGIN, 4.25, width, 1.8)
        sub_size = _fit(lines, width, 1.8, (24, 22, 20, 18))
        _write(sub.text_frame, lines, sub_size, "#d6e2ef", anchor=MSO_ANCHOR.TOP)
        return slide

    def text_slide(self, title: str, paragraphs: Sequence[str]):
        """Paragraphs of plain text (e.g. the written brief), 28 pt shrinking to 16 pt.

        About 2,000 characters fit at 16 pt; longer text runs past the footer, so split it.
        """
        slide = self._content_slide(title)
        paras = [_plain(p, one_line=True) for p in paragraphs if p and str(p).strip()]
        width, height = SLIDE_W - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP
        gap = 14 if len(paras) <= 6 else 8
        size = _fit(paras, width - 0.2, height - 0.2, (28, 26, 24, 22, 20, 18, 16), gap_pt=gap)
        box = slide.shapes.add_textbox(
            Inches(MARGIN), Inches(CONTENT_TOP), Inches(width), Inches(height)
        )
        _write(box.text_frame, paras or [""], size, INK, space_after=gap, anchor=MSO_ANCHOR.TOP)
        return slide

    def kpi_slide(self, title: str, items: Sequence[tuple[str, str]]):
        """Headline figures as cards, up to 8: the value large and navy, its label above it.

        All values share one size (the largest at which each fits one line), so keep them
        short ("12,3 M EUR" rather than "12.345.678 EUR").
        """
        slide = self._content_slide(title)
        items = [(_plain(a, True), _plain(b, True)) for a, b in items]
        n = len(items)
        cols = n if n <= 3 else 2 if n == 4 else 3 if n <= 6 else 4
        rows = max(1, math.ceil(n / cols))
        gap = 0.3
        width = (SLIDE_W - 2 * MARGIN - gap * (cols - 1)) / cols
        height = min(2.4, (CONTENT_BOTTOM - CONTENT_TOP - gap * (rows - 1)) / rows)
        top0 = CONTENT_TOP + 0.15
        labels, values = [a for a, _ in items], [b for _, b in items]
        label_size = _fit_each(labels, width - 0.4, 2 * 20 * _LINE / 72, (20, 18, 16, 14))
        value_size = _fit_line(values, width - 0.4, (48, 44, 40, 36, 32, 28, 24, 20), bold=True)
        for i, (label, value) in enumerate(items):
            left = MARGIN + (i % cols) * (width + gap)
            top = top0 + (i // cols) * (height + gap)
            _card(slide, (left, top, width, height), label, value, label_size, value_size)
        return slide

    def image_slide(self, title: str, png_bytes: bytes, caption: str | None = None):
        """A PNG (e.g. a chart from ``images.png``) as large as the slide allows, centred."""
        slide = self._content_slide(title)
        px_w, px_h = _png_size(png_bytes)
        box_w = SLIDE_W - 2 * MARGIN
        box_h = CONTENT_BOTTOM - CONTENT_TOP - (0.5 if caption else 0)
        scale = min(box_w / px_w, box_h / px_h)
        w, h = px_w * scale, px_h * scale
        left = MARGIN + (box_w - w) / 2
        pic = slide.shapes.add_picture(
            io.BytesIO(png_bytes), Inches(left), Inches(CONTENT_TOP), Inches(w), Inches(h)
        )
        pic.name = "Chart"
        if caption:
            self._caption(slide, caption, CONTENT_TOP + h + 0.08)
        return slide

    def table_slide(
        self,
        title: str,
        df: pd.DataFrame,
        column_labels: Mapping[str, str],
        formats: Mapping[str, Format] | None = None,
        max_rows: int = 15,
        caption: str | None = None,
    ):
        """A real table of the first ``max_rows`` rows of ``df``.

        ``column_labels`` maps the columns to show, in order, to their headers; ``formats``
        maps columns to a ``blocks`` format ("money", "pct", "int", ... default "text").
        Type shrinks from 20 to 14 pt to fit; long texts wrap to two lines, then end in "…"
        (numbers are never cut); if 14 pt rows of one line still do not fit, fewer rows are
        shown. When rows are left out, a note under the table says "the first N of M rows".
        """
        slide = self._content_slide(title)
        headers, rows, numeric, total = table_rows(df, column_labels, formats, self.lang, max_rows)
        headers = [_plain(h, True) for h in headers]
        rows = [[_truncate(_plain(c, True), _MAX_CELL_CHARS) for c in r] for r in rows]
        room = CONTENT_BOTTOM - CONTENT_TOP - 0.5  # leave a line for the note under the table
        size, widths, heights, cells = _table_layout(
            headers, rows, numeric, SLIDE_W - 2 * MARGIN, room
        )
        shape = slide.shapes.add_table(
            len(cells), len(headers), Inches(MARGIN), Inches(CONTENT_TOP), Inches(sum(widths)),
            Inches(sum(heights)),
        )  # fmt: skip
        shape.name = "Table"
        _fill_table(shape.table, cells, widths, heights, numeric, size)
        shown = len(cells) - 1
        notes = [caption] if caption else []
        if not shown:
            notes.append(t("rep.empty_table", self.lang))
        elif total > shown:
            counts = {"shown": fmt_num(shown, self.lang), "total": fmt_num(total, self.lang)}
            notes.append(t("rep.rows_shown", self.lang, **counts))
        if notes:
            self._caption(slide, " · ".join(notes), CONTENT_TOP + sum(heights) + 0.1)
        return slide

    def to_bytes(self) -> bytes:
        """The deck as a .pptx file."""
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()

    # ---- parts -------------------------------------------------------------------------------

    def _content_slide(self, title: str):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_LAYOUT_TITLE_ONLY])
        title = _plain(title, one_line=True)
        width = SLIDE_W - 2 * MARGIN
        size = _fit([title], width - 0.1, 0.95, (32, 28, 24, 20), bold=True)
        _place(slide.shapes.title, MARGIN, 0.3, width, 0.95)
        _write(
            slide.shapes.title.text_frame, [title], size, NAVY, bold=True, anchor=MSO_ANCHOR.BOTTOM
        )
        _rule(slide, MARGIN, 1.27, 1.2, 0.06)
        self._footer(slide)
        return slide

    def _footer(self, slide) -> None:
        text = " · ".join(_plain(x, True) for x in (self.footer, self.period) if x)
        number = len(self.prs.slides)
        left = slide.shapes.add_textbox(
            Inches(MARGIN), Inches(FOOTER_TOP), Inches(SLIDE_W - 2 * MARGIN - 1.2), Inches(0.35)
        )
        left.name = "Footer"
        _write(left.text_frame, [text], 12, MUTED, anchor=MSO_ANCHOR.MIDDLE)
        right = slide.shapes.add_textbox(
            Inches(SLIDE_W - MARGIN - 1.0), Inches(FOOTER_TOP), Inches(1.0), Inches(0.35)
        )
        right.name = "Slide number"
        _write(
            right.text_frame,
            [str(number)],
            12,
            MUTED,
            align=PP_ALIGN.RIGHT,
            anchor=MSO_ANCHOR.MIDDLE,
        )

    def _caption(self, slide, text: str, top: float) -> None:
        box = slide.shapes.add_textbox(
            Inches(MARGIN),
            Inches(min(top, CONTENT_BOTTOM - 0.05)),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(0.45),
        )
        box.name = "Caption"
        _write(box.text_frame, [_plain(text, True)], 14, MUTED, anchor=MSO_ANCHOR.TOP)


# ---- drawing helpers -------------------------------------------------------------------------


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)


def _write(
    tf,
    paragraphs: Sequence[str],
    size: float,
    colour: str,
    *,
    bold: bool = False,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    space_after: float = 0,
) -> None:
    """Replace a text frame's content with plain-text paragraphs in one font."""
    tf.clear()
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    tf.margin_top = tf.margin_bottom = Inches(0.02)
    for i, text in enumerate(paragraphs):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        if space_after and i < len(paragraphs) - 1:
            p.space_after = Pt(space_after)
        run = p.add_run()
        run.text = text
        _font(run.font, size, colour, bold)


def _font(font, size: float, colour: str, bold: bool = False) -> None:
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = _rgb(colour)


def _rule(slide, left: float, top: float, width: float, height: float) -> None:
    bar = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(height)
    )
    bar.name = "Accent"
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(ACCENT)
    bar.line.fill.background()
    bar.shadow.inherit = False


def _card(slide, box: tuple, label: str, value: str, label_size: int, value_size: int) -> None:
    """A KPI card: a tinted rectangle, the label above, the value below it. Every card of a
    slide uses the same sizes and places its value at the same height, so values line up."""
    left, top, width, height = box
    card = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(height)
    )
    card.name = "KPI"
    card.fill.solid()
    card.fill.fore_color.rgb = _rgb(BAND)
    card.line.fill.background()
    card.shadow.inherit = False
    label_h = 2 * label_size * _LINE / 72
    value_h = value_size * _LINE / 72 + 0.1
    y = top + max(0.1, (height - label_h - 0.08 - value_h) / 2)
    inner = (Inches(left + 0.15), Inches(width - 0.3))
    label_box = slide.shapes.add_textbox(inner[0], Inches(y), inner[1], Inches(label_h))
    label_box.name = "KPI label"
    _write(label_box.text_frame, [label], label_size, MUTED, anchor=MSO_ANCHOR.BOTTOM)
    value_box = slide.shapes.add_textbox(
        inner[0], Inches(y + label_h + 0.08), inner[1], Inches(value_h)
    )
    value_box.name = "KPI value"
    _write(value_box.text_frame, [value], value_size, NAVY, bold=True, anchor=MSO_ANCHOR.TOP)


def _fill_table(table, cells, widths, heights, numeric, size: float) -> None:
    table.first_row, table.horz_banding = True, False
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i, h in enumerate(heights):
        table.rows[i].height = Inches(h)
    for i, row in enumerate(cells):
        colour, fill = ("#ffffff", NAVY) if i == 0 else (INK, BAND if i % 2 == 0 else "#ffffff")
        for j, text in enumerate(row):
            _cell(table.cell(i, j), text, size, colour, fill, numeric[j], bold=i == 0)


def _cell(
    cell, text: str, size: float, colour: str, fill: str, right: bool, bold: bool = False
) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill)
    cell.margin_left = cell.margin_right = Inches(_CELL_PAD / 2)
    cell.margin_top = cell.margin_bottom = Emu(0)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    tf = cell.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = p.add_run()
    run.text = text
    _font(run.font, size, colour, bold)


_TABLE_STYLES = ((20, 0.6), (18, 0.6), (16, 0.6), (16, 0.3), (14, 0.6), (14, 0.25))  # pt, pad


def _table_layout(headers, rows, numeric, max_width: float, max_height: float):
    """Font size, column widths, row heights (inches) and the cell texts to write.

    The largest type that fits, with airy rows if possible and tight ones before going smaller;
    long texts wrap to two lines at most (then an ellipsis). If even 14 pt with one line a row
    does not fit, fewer rows are shown (the caller says how many of how many).
    """
    for size, pad in _TABLE_STYLES:
        widths = _column_widths(headers, rows, numeric, size, max_width)
        cells = [_clip_row(r, widths, size, 2, i == 0) for i, r in enumerate([headers] + rows)]
        heights = [_row_height(r, widths, size, pad, i == 0) for i, r in enumerate(cells)]
        if sum(heights) <= max_height:
            return size, widths, heights, cells
    cells = [_clip_row(r, widths, size, 1, i == 0) for i, r in enumerate([headers] + rows)]
    heights = [_row_height(r, widths, size, pad, i == 0) for i, r in enumerate(cells)]
    fit = max(1, int((max_height - heights[0]) // heights[1])) if len(heights) > 1 else 0
    return size, widths, heights[: fit + 1], cells[: fit + 1]


def _clip_row(cells: list[str], widths: list[float], size: float, lines: int, bold: bool):
    return [_clip(c, w - _CELL_PAD, size, lines, bold) for c, w in zip(cells, widths, strict=True)]


def _row_height(cells: list[str], widths: list[float], size: float, pad: float, bold: bool):
    lines = max(
        _lines_needed(c, w - _CELL_PAD, size, bold) for c, w in zip(cells, widths, strict=True)
    )
    return (lines * _LINE + pad) * size / 72


def _column_widths(
    headers: list[str], rows: list[list[str]], numeric: list[bool], size: float, max_width: float
) -> list[float]:
    """Widths in inches from each column's longest text; when they do not fit, text columns give
    way (and wrap) while numbers keep their width."""
    natural = [
        max([_text_width(headers[j], size, bold=True)] + [_text_width(r[j], size) for r in rows])
        + _CELL_PAD
        + 0.05
        for j in range(len(headers))
    ]
    total = sum(natural)
    if total <= max_width:
        # Leave air, but do not stretch a three-column table across the whole slide.
        target = min(max_width, max(total * 1.25, 7.0))
        return [w * target / total for w in natural]
    fixed = sum(w for w, num in zip(natural, numeric, strict=True) if num)
    flexible = total - fixed
    if flexible == 0 or fixed >= max_width * 0.7:
        return [w * max_width / total for w in natural]
    squeeze = (max_width - fixed) / flexible
    return [w if num else w * squeeze for w, num in zip(natural, numeric, strict=True)]


def _png_size(data: bytes) -> tuple[int, int]:
    try:
        with PILImage.open(io.BytesIO(data)) as img:
            if img.format != "PNG":
                raise ValueError(f"expected a PNG image, got {img.format}")
            return img.size
    except OSError as exc:
        raise ValueError("expected PNG bytes") from exc
