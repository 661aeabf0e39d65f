"""Markdown escaping of user text (see kam_core/ui/text.py; the browser check is
tests/e2e/test_plain_text.py)."""

import pytest

from kam_core.ui.text import plain


@pytest.mark.parametrize(
    "raw, escaped",
    [
        ("Transportes Cantábrica S.L.U.", "Transportes Cantábrica S.L.U."),
        ("[x](http://e.com)", "\\[x\\]\\(http\\:\u2060//e.com\\)"),
        # autolinks are broken by an invisible word joiner (U+2060), not by escapes
        ("Visit www.acme.es or ana@acme.es", "Visit www\u2060.acme.es or ana@\u2060acme.es"),
        ("Costs $5 and $6", "Costs \\$5 and \\$6"),
        (":red[alert] *b* _i_", "\\:red\\[alert\\] \\*b\\* \\_i\\_"),
        ("- item", "\\- item"),
        ("# Title", "\\# Title"),
        ("1. First", "1\\. First"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("A-B+C 3.5", "A-B+C 3.5"),
    ],
)
def test_plain(raw, escaped):
    assert plain(raw) == escaped
