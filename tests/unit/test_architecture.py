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


def test_only_store_imports_duckdb():
    offenders = [
        str(p.relative_to(ROOT))
        for p in list((ROOT / "kam_core").rglob("*.py")) + list((ROOT / "pages").glob("*.py"))
        if "store" not in p.relative_to(ROOT).parts and "duckdb" in _imports(p)
    ]
    assert offenders == []


def test_layer_contracts_hold():
    """The import-linter contracts in pyproject.toml (layers, streamlit/duckdb confinement)."""
    import subprocess
    import sys

    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def _function_level_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kam_core"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
            elif isinstance(node, ast.Import) and any(
                a.name.startswith("kam_core") for a in node.names
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


# The one allowed kind: the report builders, imported when a file is built because they pull in
# python-pptx, WeasyPrint and kaleido (see kam_core/ui/exports.py, _LAZY) - speed, not a cycle.
LAZY_FOR_SPEED = {("kam_core/ui/exports.py", "kam_core.reports")}


def test_no_kam_core_import_hides_inside_a_function():
    """An import inside a function usually dodges a cycle; the layers make cycles impossible."""
    offenders = []
    for p in list((ROOT / "kam_core").rglob("*.py")) + list((ROOT / "pages").glob("*.py")):
        offenders += [
            f
            for f in _function_level_imports(p)
            if (f.split(":")[0], f.split(" ")[-1]) not in LAZY_FOR_SPEED
        ]
    assert offenders == []


def test_every_package_says_what_lives_there():
    for init in (ROOT / "kam_core").rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 20, f"{init.relative_to(ROOT)} needs a docstring"


def test_settings_are_declared_in_one_list():
    declared_elsewhere = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "kam_core").rglob("*.py")
        if p.name != "settings.py" and re.search(r"\bSetting\(", p.read_text(encoding="utf-8"))
    ]
    assert declared_elsewhere == []


def test_pages_are_thin_and_hold_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+\w")
    for page in (ROOT / "pages").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert not sql.search(text), f"SQL in {page.name}"
        assert "page_setup(" in text, f"{page.name} must call page_setup first"
        assert len(text.splitlines()) <= 120, f"{page.name} is not thin"


def test_no_unsafe_html_outside_static_css():
    allowed = {"setup.py"}  # static presentation-mode CSS only
    for p in list((ROOT / "kam_core").rglob("*.py")) + list((ROOT / "pages").glob("*.py")):
        if "unsafe_allow_html=True" in p.read_text(encoding="utf-8"):
            assert p.name in allowed, f"unsafe_allow_html in {p}"
