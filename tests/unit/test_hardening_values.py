"""Issue 14: implausible values are rejected rows with a reason; text is read as written.

``1e308`` made the total revenue ``inf``; dates in 1900 and 9999 became quarters in every period
filter; a NUL byte was stored in a name; a name over 131,072 characters crashed the CSV reader;
a file mixing UTF-8 and cp1252 lines turned ``Café Soler`` into a second account.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from kam_core.cli import main as cli_main
from kam_core.common.errors import UploadError
from kam_core.ingest import prepare, rejects_table
from kam_core.ingest.limits import ReadLimits
from kam_core.ingest.validate import Plausible
from kam_core.store import db, settings


def _csv(*lines: str, enc: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(enc)


def _reasons(p) -> dict[int, str]:
    return dict(zip(p.rejects["row"].tolist(), p.rejects["reason"].tolist()))


def test_non_finite_and_huge_amounts_are_rejected_rows():
    data = _csv(
        "Cliente;Fecha;Importe",
        "Acme;2025-03-01;1e308",
        "Beta;2025-03-01;NaN",
        "Gamma;2025-03-01;inf",
        "Delta;2025-03-01;-inf",
        "Eps;2025-03-01;1e309",
        "Zeta;2025-03-01;-2000000000000",
        "Ok;2025-03-01;999999999999",
    )
    p = prepare(data, "big.csv")
    assert _reasons(p) == {
        2: "rej.amount_too_large",
        3: "rej.amount_not_finite",
        4: "rej.amount_not_finite",
        5: "rej.amount_not_finite",
        6: "rej.amount_not_finite",
        7: "rej.amount_too_large",
    }
    assert p.lines["account_key"].tolist() == ["Ok"]
    assert np.isfinite(p.total_amount)
    en = rejects_table(p.rejects, "en")
    assert "Amount beyond the plausible limit" in en.iloc[0].tolist()
    es = rejects_table(p.rejects, "es")
    assert "Importe fuera del límite plausible" in es.iloc[0].tolist()


def test_amount_limit_named_with_its_value_in_the_long_reason():
    from kam_core.ingest.report import reason_text

    p = prepare(_csv("Cliente;Fecha;Importe", "Acme;2025-03-01;1e308"), "x.csv")
    r = p.rejects.iloc[0]
    en = reason_text(r.reason, "en", r.value, r.expected)
    assert "1000000000000" in en and "1e308" in en and "Largest plausible amount" in en
    assert "Importe plausible más alto" in reason_text(r.reason, "es", r.value, r.expected)


def test_quantity_times_price_overflow_is_rejected():
    data = _csv("Cliente;Fecha;Cantidad;Precio unitario", "Acme;2025-03-01;1e200;1e200")
    p = prepare(data, "q.csv", mapping={"amount": "Cantidad*Precio unitario"})
    assert _reasons(p) == {2: "rej.amount_not_finite"}


def test_dates_outside_the_plausible_window_are_rejected_rows():
    data = _csv(
        "Cliente;Fecha;Importe",
        "A;1900-01-15;1",
        "B;9999-12-31;1",
        "C;1989-12-31;1",
        "D;1990-01-01;1",
        f"E;{date.today().isoformat()};1",
        f"F;{date.today().year + 3}-01-01;1",
    )
    p = prepare(data, "dates.csv")
    assert _reasons(p) == {
        2: "rej.date_too_early",
        3: "rej.date_too_late",
        4: "rej.date_too_early",
        7: "rej.date_too_late",
    }
    assert sorted(p.lines["account_key"]) == ["D", "E"]
    assert all("1990" <= q[:4] <= str(date.today().year + 1) for q in p.quarters)
    es = rejects_table(p.rejects, "es")
    assert (
        "Fecha demasiado antigua" in es.values
        and "Fecha demasiado lejana en el futuro" in es.values
    )


def test_quarter_cells_outside_the_window():
    data = _csv("Cliente;Fecha;Importe", "A;9999-Q4;1", "B;1900-Q1;1", "C;2025-Q2;1")
    p = prepare(data, "q.csv")
    assert _reasons(p) == {2: "rej.date_too_late", 3: "rej.date_too_early"}
    assert p.quarters == ["2025-Q2"]


def test_window_follows_the_settings(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    settings.set_values(con, {"date_min_year": 2020, "max_abs_amount": 1000})
    p = prepare(_csv("Cliente;Fecha;Importe", "A;2019-06-01;1", "B;2021-01-01;5000"), "w.csv", con)
    con.close()
    assert _reasons(p) == {2: "rej.date_too_early", 3: "rej.amount_too_large"}


def test_plausible_window_edges():
    pl = Plausible(min_year=1990, years_ahead=1, today=date(2026, 2, 28))
    assert pl.first == date(1990, 1, 1) and pl.last == date(2027, 2, 28)
    assert pl.quarter_ok("1990-Q1") and not pl.quarter_ok("1989-Q4")
    assert pl.quarter_ok("2027-Q1") and not pl.quarter_ok("2027-Q2")
    leap = Plausible(years_ahead=1, today=date(2028, 2, 29))
    assert leap.last == date(2029, 2, 28)


def test_a_quarter_given_for_a_dateless_file_must_be_plausible():
    data = _csv("Cliente;Importe", "A;1")
    with pytest.raises(UploadError) as err:
        prepare(data, "nodate.csv", default_quarter="9999-Q1")
    assert err.value.key == "hd.upload.quarter_out_of_range"
    assert "9999-Q1" in err.value.render("es") and "plausibles" in err.value.render("es")


def test_cli_refuses_implausible_rows_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(_csv("Cliente;Fecha;Importe", "A;9999-01-01;1", "B;2025-01-01;1e308"))
    dbf = tmp_path / "c.duckdb"
    con = db.connect(dbf)
    before = db.table_snapshot(con)
    con.close()
    assert cli_main(["--lang", "es", "ingest", str(path), "--db", str(dbf)]) == 1
    err = capsys.readouterr().err
    assert "Fecha posterior a hoy" in err and "Importe mayor que el límite plausible" in err
    con = db.connect(dbf)
    assert db.table_snapshot(con) == before
    con.close()


# ----------------------------------------------------------------------------- text read as written


def test_control_characters_and_nul_are_stripped_from_names():
    # Past the first 64 KB (a NUL there means a binary file, refused as such).
    pad = "".join(f"Padding {i},2025-01-01,1\n" for i in range(4_000))
    data = f"Cliente,Fecha,Importe\n{pad}Ac\x00me\x1b[31m,2025-01-01,1\nBeta\u202e,2025-01-01,2\n"
    p = prepare(data.encode(), "ctl.csv")
    assert p.lines["account_key"].tolist()[-2:] == ["Acme[31m", "Beta"]
    assert not any("\x00" in n for n in p.lines["account_name"])


def test_a_name_longer_than_the_csv_module_default_is_read():
    long_name = "N" * 200_000
    # A stray quote sends the file to the exact (csv module) reader, whose default field limit
    # is 131,072 characters.
    data = _csv("Cliente,Fecha,Importe", f'"{long_name}",2025-01-01,1', 'x"y,2025-01-01,2')
    p = prepare(data, "long.csv")
    assert long_name in p.lines["account_key"].tolist()


def test_mixed_utf8_and_cp1252_lines_are_decoded_line_by_line():
    data = (
        "Cliente;Fecha;Importe\n".encode()
        + "Café Soler;2025-01-01;10\n".encode("utf-8")
        + "Café Soler;2025-02-01;20\n".encode("cp1252")
        + "Muñoz € SL;2025-02-01;5\n".encode("cp1252")
    )
    p = prepare(data, "mixed.csv")
    assert p.source_format["encoding"] == "utf-8+cp1252"
    assert sorted(set(p.lines["account_key"])) == ["Café Soler", "Muñoz € SL"]
    assert p.rows_rejected == 0


def test_pure_cp1252_is_still_cp1252():
    p = prepare("Cliente;Fecha;Importe\nMuñoz “SL”;2025-01-01;1\n".encode("cp1252"), "w.csv")
    assert p.source_format["encoding"] == "cp1252"
    assert p.lines["account_key"].tolist() == ["Muñoz “SL”"]


# ----------------------------------------------------------------------------- CSV limits


def test_csv_rows_limit_refused_before_splitting():
    body = "".join(f"A{i};2025-01-01;1\n" for i in range(2_000))
    data = ("Cliente;Fecha;Importe\n" + body).encode()
    with pytest.raises(UploadError) as err:
        prepare(data, "rows.csv", limits=ReadLimits(rows=1_000))
    assert err.value.key == "hd.upload.too_many_rows"
    assert "1\u202f000" in err.value.render("en")


def test_csv_exactly_at_the_rows_limit_is_accepted():
    data = ("Cliente;Fecha;Importe\n" + "A;2025-01-01;1\n" * 1_000).encode()
    assert prepare(data, "edge.csv", limits=ReadLimits(rows=1_000)).rows_valid == 1_000
    with pytest.raises(UploadError):
        prepare(data + b"B;2025-01-01;1", "edge.csv", limits=ReadLimits(rows=1_000))


def test_csv_rows_counted_exactly_when_records_span_lines():
    """Physical lines exceed the limit, records do not (quoted fields with line breaks)."""
    body = "".join(f'"A\n{i}";2025-01-01;1\n' for i in range(600))
    p = prepare(("Cliente;Fecha;Importe\n" + body).encode(), "q.csv", limits=ReadLimits(rows=1_000))
    assert p.rows_valid == 600


def test_upload_limit_counts_the_files_before():
    data = ("Cliente;Fecha;Importe\n" + "A;2025-01-01;1\n" * 600).encode()
    limits = ReadLimits(upload_rows=1_000).after(600, 1_800)
    with pytest.raises(UploadError) as err:
        prepare(data, "second.csv", limits=limits)
    assert err.value.key == "hd.upload.upload_rows"
    assert "Filas por carga" in err.value.render("es")


def test_cli_upload_of_several_files_held_to_the_upload_limit(tmp_path, capsys):
    dbf = tmp_path / "u.duckdb"
    con = db.connect(dbf)
    settings.set_values(con, {"max_rows_per_upload": 1_000})
    before = db.table_snapshot(con)
    con.close()
    paths = []
    for name, month in (("a.csv", "01"), ("b.csv", "02")):
        path = tmp_path / name
        path.write_text("Cliente;Fecha;Importe\n" + f"A;2025-{month}-01;1\n" * 600)
        paths.append(str(path))
    assert cli_main(["ingest", *paths, "--db", str(dbf)]) == 1
    err = capsys.readouterr().err
    assert "b.csv" in err and "Rows per upload" in err and "Traceback" not in err
    con = db.connect(dbf)
    assert db.table_snapshot(con) == before
    con.close()
