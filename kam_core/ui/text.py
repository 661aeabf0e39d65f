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


def plain(text) -> str:
    """Backslash-escape the markdown-significant characters of ``text`` (so ``S.L.`` stays
    ``S.L.``, but ``[x](url)``, ``*x*``, ``$x$``, ``:red[x]`` and ``- x`` lose their meaning)."""
    out = "".join("\\" + ch if ch in _INLINE else ch for ch in str(text))
    out = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
