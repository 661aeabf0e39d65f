"""Issue 14 on the pages (AppTest): the Settings page lists and restores backups; a damaged
database shows what happened and offers the latest backup instead of a blank page; a date in
9999 never reaches a page; a hostile workbook is read by its real data; file names stay text."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.store import backup, db
from tests.unit.test_hardening_excel import SALES, STRAY, sheet_xml, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]
UPLOADER = "upload_files_0"


def _page(path, monkeypatch, page: str, lang: str = "en") -> AppTest:
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    at.query_params["lang"] = lang
    return at.run()


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += (
        [e.value for e in at.error] + [s.value for s in at.success] + [i.value for i in at.info]
    )
    return "\n".join(str(p) for p in parts)


# ----------------------------------------------------------------------------- settings


def _data(con) -> dict:
    """Every table but those a restore keeps as they are (the audit log, users: issue 12)."""
    return {k: v for k, v in db.content_hash(con).items() if k not in backup.KEPT_ON_RESTORE}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_settings_lists_backups_and_restores_one(demo_copy, monkeypatch, lang):
    at = _page(demo_copy, monkeypatch, "settings", lang)  # first visit's own writes done first
    assert not at.exception
    con = db.connect(demo_copy)
    made = backup.make(con)
    original = _data(con)
    con.close()
    at.run()
    title = "Backups" if lang == "en" else "Copias de seguridad"
    assert title in [h.value for h in at.subheader]
    table = at.dataframe[-1].value
    files = list(table["File" if lang == "en" else "Archivo"])
    assert made.name in files  # with the day's backup made on the first page run
    # Something changes after the backup...
    con = db.connect(demo_copy)
    with db.transaction(con) as cur:
        cur.execute("DELETE FROM contacts")
    con.close()
    # ...and the backup is restored, after a confirmation.
    at.selectbox(key="hd_restore_pick").set_value(made.name)
    assert at.button(key="hd_restore").disabled
    at.checkbox(key="hd_restore_sure").check()
    at.run()
    at.button(key="hd_restore").click()
    at.run()
    assert not at.exception
    done = "restored" if lang == "en" else "restaurada"
    assert any(done in s.value for s in at.success)
    con = db.connect(demo_copy)
    assert _data(con) == original
    con.close()
    reasons = [b.reason for b in backup.list_backups(demo_copy)]
    assert "restore" in reasons  # the state before, to undo the restore


def test_settings_back_up_now(demo_copy, monkeypatch):
    at = _page(demo_copy, monkeypatch, "settings")
    n = len(backup.list_backups(demo_copy))
    at.button(key="hd_backup_now").click()
    at.run()
    assert not at.exception
    assert len(backup.list_backups(demo_copy)) == n + 1
    assert any("Backup made" in s.value for s in at.success)


def test_limit_and_backup_settings_are_on_the_form(demo_copy, monkeypatch):
    at = _page(demo_copy, monkeypatch, "settings", "es")
    subheaders = [h.value for h in at.subheader]
    assert "Límites de carga y valores plausibles" in subheaders
    assert at.number_input(key="sp_max_rows_per_file").value == 10_000_000
    assert at.number_input(key="sp_date_min_year").value == 1990
    assert at.number_input(key="sp_backup_keep_days").value == 30


# ----------------------------------------------------------------------------- damaged database


def _damage(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    "lang, title, button",
    [
        ("en", "The database cannot be used", "Restore the latest backup"),
        ("es", "La base de datos no se puede usar", "Restaurar la copia más reciente"),
    ],
)
def test_damaged_database_offers_the_latest_backup(demo_copy, monkeypatch, lang, title, button):
    con = db.connect(demo_copy)
    good = db.content_hash(con)
    backup.make(con, "daily")
    con.close()
    _damage(demo_copy)
    at = _page(demo_copy, monkeypatch, "portfolio", lang)
    assert not at.exception
    assert at.title[0].value == title
    assert "restore" in at.error[0].value.lower() or "restaure" in at.error[0].value.lower()
    offer = at.button(key="hd_restore_latest")
    assert offer.label.startswith(button)
    offer.click()
    at.run()
    assert not at.exception
    assert at.title[0].value != title  # the portfolio is back
    con = db.connect(demo_copy)
    assert db.content_hash(con) == good
    con.close()
    assert [b.reason for b in backup.list_backups(demo_copy)].count("damaged") == 1


def test_damaged_database_without_backup_says_where_they_would_be(demo_copy, monkeypatch):
    _damage(demo_copy)
    at = _page(demo_copy, monkeypatch, "tiers")
    assert not at.exception
    assert at.title[0].value == "The database cannot be used"
    assert any("No backup of this database" in i.value for i in at.info)


# ----------------------------------------------------------------------------- uploads


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    return path


def test_a_date_in_9999_never_reaches_a_page(empty_db, monkeypatch):
    data = (
        "Cliente;Fecha;Importe\nAcme;2025-05-01;100\nFuturo;9999-12-31;5\nViejo;1900-01-01;5\n"
    ).encode()
    at = _page(empty_db, monkeypatch, "upload")
    at.file_uploader(key=UPLOADER).set_value(("futuro.csv", data, "text/csv"))
    at.run()
    assert not at.exception
    rejects = at.dataframe[0].value
    assert list(rejects["Reason"]) == ["Date too far in the future", "Date too early"]
    at.button(key="up_commit").click()
    at.run()
    assert not at.exception
    con = db.connect(empty_db)
    assert db.query_rows(con, "SELECT DISTINCT quarter FROM revenue_lines") == [("2025-Q2",)]
    con.close()
    for page in ("portfolio", "tiers", "account", "team"):
        pa = _page(empty_db, monkeypatch, page)
        assert not pa.exception, page
        assert "9999" not in _texts(pa)
        for box in pa.selectbox:
            assert not any("9999" in str(o) for o in box.options), page


def test_stray_cell_workbook_through_the_upload_page(empty_db, monkeypatch):
    at = _page(empty_db, monkeypatch, "upload")
    at.file_uploader(key=UPLOADER).set_value(
        ("stray.xlsx", xlsx_bytes({"Ventas": sheet_xml(SALES, STRAY)}), "application/vnd.ms-excel")
    )
    at.run()
    assert not at.exception and not at.error
    assert next(m.value for m in at.metric if m.label == "Valid rows") == "2"


def test_sheet_choice_offered_and_data_sheet_picked(empty_db, monkeypatch):
    notes = sheet_xml([["Informe"], ["Notas"]])
    book = xlsx_bytes({"Portada": notes, "Notas": notes, "Datos": sheet_xml(SALES)})
    at = _page(empty_db, monkeypatch, "upload", "es")
    at.file_uploader(key=UPLOADER).set_value(("libro.xlsx", book, "application/vnd.ms-excel"))
    at.run()
    assert not at.exception
    picker = next(s for s in at.selectbox if s.label == "Hoja")
    assert picker.options == ["Portada", "Notas", "Datos"] and picker.value == "Datos"
    picker.set_value("Portada")
    at.run()
    assert not at.exception and at.error  # no account column on the title sheet: said so
    assert next(s for s in at.selectbox if s.label == "Hoja").value == "Portada"


def test_file_names_in_messages_stay_plain_text(empty_db, monkeypatch):
    at = _page(empty_db, monkeypatch, "upload")
    at.file_uploader(key=UPLOADER).set_value((":red[S21]$x$.csv", b"", "text/csv"))
    at.run()
    assert not at.exception
    message = at.error[0].value
    assert "\\:red\\[S21\\]\\$x\\$.csv" in message  # escaped: shown as typed, not coloured
