"""Legacy Excel (.xls, BIFF) through the same pipeline: title rows above the header, real dates.

The fixture was written once with xlwt (not a project dependency): a title row, a blank row, the
header on row 3 (Cliente, Fecha, Importe, Familia), three lines with DD/MM/YYYY-formatted dates,
one a credit note.
"""

import json
from pathlib import Path

from kam_core.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ventas_title_block.xls"


def test_xls_with_title_block(tmp_path, capsys):
    db = tmp_path / "x.duckdb"
    assert main(["ingest", str(FIXTURE), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["quarters"] == {"2025-Q1": 1234.5, "2025-Q2": 100.0, "2025-Q3": -34.5}
    assert rep["accounts"] == 2 and rep["total_revenue"] == 1300.0
