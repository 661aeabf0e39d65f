"""Shared fixtures. Tests never touch data/cartera.duckdb: each builds its own database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "tests" / "fixtures" / "datasets"  # gzip-compressed, see the README there


@pytest.fixture(autouse=True)
def _isolated_db_env(tmp_path, monkeypatch):
    """Point CARTERA_DB at a per-test file so nothing can reach the real database by accident."""
    monkeypatch.setenv("CARTERA_DB", str(tmp_path / "isolated.duckdb"))
    yield


@pytest.fixture
def db_file(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def con(db_file):
    from kam_core.store import db

    c = db.connect(db_file)
    yield c
    c.close()


def unpack_datasets(dest: Path) -> Path:
    """Decompress the repository's public datasets (tests/fixtures/datasets/*.csv.gz) into ``dest``."""
    import gzip
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for gz in sorted(DATASETS.glob("*.csv.gz")):
        with gzip.open(gz, "rb") as src, open(dest / gz.name[:-3], "wb") as out:
            shutil.copyfileobj(src, out)
    return dest


@pytest.fixture(scope="session")
def datasets(tmp_path_factory) -> Path:
    """The public datasets, byte-for-byte as published, in a temporary folder (from the repo's .gz)."""
    return unpack_datasets(tmp_path_factory.mktemp("datasets"))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A demo database built once per session (read-only use: copy it if a test writes)."""
    from kam_core.demo import builder
    from kam_core.store import db

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    c = db.connect(path)
    builder.ensure_demo(c, force=True)
    c.close()
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path) -> Path:
    """A private copy of the demo database for tests that write."""
    import shutil

    dst = tmp_path / "demo_copy.duckdb"
    shutil.copy(demo_db, dst)
    return dst


def pytest_configure(config):
    os.environ.setdefault("CARTERA_LANG", "en")
