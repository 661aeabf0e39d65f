"""Table exports are formula-safe and keep values (kam_core/export.py)."""

import io
import zipfile
from datetime import date

import pandas as pd
from openpyxl import load_workbook

from kam_core.common import export

EVIL = '=HYPERLINK("http://evil.example","click")'
FRAME = pd.DataFrame(
    {
        "Cuenta": [EVIL, "+34 600", "@SUM(A1)", "-x", "Añón S.L."],
        "Facturación": [1234.5, -12.25, 0.0, 3.0, 1e6],
        "Fecha": pd.to_datetime(["2026-01-05", "2026-02-06", None, "2026-03-07", "2026-04-08"]),
    }
)


def test_csv_neutralises_formulas_and_keeps_numbers():
    text = export.to_csv(FRAME, "en").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Cuenta,Facturación,Fecha"
    assert lines[1].startswith("\"'=HYPERLINK(")
    assert lines[2].startswith("'+34 600,-12.25,")  # the negative amount stays a number
    assert lines[3].startswith("'@SUM(A1)") and lines[4].startswith("'-x")
    assert lines[5].startswith("Añón S.L.,1000000.0,")


def test_csv_spanish_separators():
    text = export.to_csv(FRAME, "es").decode("utf-8-sig")
    assert text.splitlines()[0] == "Cuenta;Facturación;Fecha"
    assert ";1234,5;" in text and ";-12,25;" in text


def test_xlsx_keeps_text_verbatim_as_text_cells():
    data = export.to_xlsx(FRAME, "Niveles: A/B")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.title == "Niveles  A B"
    assert ws["A2"].value == EVIL and ws["A2"].data_type == "s"
    assert ws["B3"].value == -12.25 and ws["B3"].data_type == "n"
    assert ws["C2"].value.date() == date(2026, 1, 5)
    assert ws["C4"].value is None
