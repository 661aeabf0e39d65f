"""User text inside Streamlit's markdown (titles, captions, callouts) stays plain text.

Streamlit renders markdown, LaTeX (``$...$``), colour directives (``:red[...]``) and emoji
shortcodes in most text elements; an account called ``[click](http://x)`` or ``Costs $5 and $6``
must show exactly as typed. HTML is never rendered (no ``unsafe_allow_html`` with user data).
"""

from __future__ import annotations

import re

_INLINE = set("\\`*_{}[]()<>|~$:")
# Characters that only mean something at the start of a line: headings, lists, quotes.
_LINE_START = re.compile(r"^(\s*)([#+\-])", re.MULTILINE)
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


# GitHub-style autolinks (``http://…``, ``www.…``, ``a@b.com``) are found by Streamlit's markdown
# (remark-gfm) in the text AFTER escapes and character references are resolved, so neither stops
# them; an invisible WORD JOINER (U+2060) inside the pattern does, and the text reads the same.
_WJ = "\u2060"
_AUTOLINK = re.compile(r"(?i)(:)(//)|(www)(\.)|(@)")


def plain(text) -> str:
    """Make ``text`` show exactly as typed inside Streamlit markdown: ``[x](url)``, ``*x*``,
    ``$x$``, ``:red[x]``, ``- x``, ``http://x.com`` and ``a@b.com`` lose their meaning."""
    out = "".join("\\" + ch if ch in _INLINE else ch for ch in str(text))
    out = _AUTOLINK.sub(
        lambda m: _WJ.join(g for g in m.groups() if g) + (_WJ if m.group(5) else ""), out
    )
    out = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
