"""House rules that code review would otherwise have to remember (STYLE.md)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "kam_core").rglob("*.py")
        if "ui" not in p.relative_to(ROOT / "kam_core").parts[:1] and "streamlit" in _imports(p)
    ]
    assert offenders == []


def test_only_db_imports_duckdb():
    offenders = [
        str(p.relative_to(ROOT))
        for p in list((ROOT / "kam_core").rglob("*.py")) + list((ROOT / "pages").glob("*.py"))
        if p.name != "db.py" and "duckdb" in _imports(p)
    ]
    assert offenders == []


def test_pages_are_thin_and_hold_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+\w")
    for page in (ROOT / "pages").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert not sql.search(text), f"SQL in {page.name}"
        assert "page_setup(" in text, f"{page.name} must call page_setup first"
        assert len(text.splitlines()) <= 150, f"{page.name} is not thin"


def test_no_unsafe_html_outside_static_css():
    allowed = {"setup.py"}  # static presentation-mode CSS only
    for p in list((ROOT / "kam_core").rglob("*.py")) + list((ROOT / "pages").glob("*.py")):
        if "unsafe_allow_html=True" in p.read_text(encoding="utf-8"):
            assert p.name in allowed, f"unsafe_allow_html in {p}"
