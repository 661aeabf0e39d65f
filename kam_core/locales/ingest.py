"""Data intake: file refusals, row rejects, the command line and the Upload page."""

STRINGS = {
    # ---------------------------------------------------------------- whole-file refusals
    "err.upload": ("{file}: this file cannot be loaded.", "{file}: no se puede cargar este archivo."),
    "err.duplicate_file": (
        "{file} has already been loaded.", "{file} ya se había cargado."
    ),
    "upload.empty": (
        "{file} is empty: there is nothing to load.",
        "{file} está vacío: no hay nada que cargar.",
    ),
    "upload.header_only": (
        "{file} has a header row but no data rows below it.",
        "{file} tiene fila de encabezados pero ninguna fila de datos debajo.",
    ),
    "upload.binary": (
        "{file} is not a CSV or Excel file (it looks like a binary file: {what}). Export the "
        "data as CSV or .xlsx and try again.",
        "{file} no es un archivo CSV ni Excel (parece un archivo binario: {what}). Exporte los "
        "datos como CSV o .xlsx y vuelva a intentarlo.",
    ),
    "upload.zip_not_excel": (
        "{file} is a zip archive, not an Excel workbook. Unzip it and upload the CSV or .xlsx "
        "files inside.",
        "{file} es un archivo zip, no un libro de Excel. Descomprímalo y cargue los archivos CSV "
        "o .xlsx que contiene.",
    ),
    "upload.excel_unreadable": (
        "{file} cannot be read as an Excel workbook (damaged or password-protected?). Open it in "
        "Excel and save it again as .xlsx. Detail: {detail}",
        "{file} no se puede leer como libro de Excel (¿dañado o protegido con contraseña?). "
        "Ábralo en Excel y guárdelo de nuevo como .xlsx. Detalle: {detail}",
    ),
    "upload.no_sheet": (
        "{file} has no sheet called “{sheet}”. Sheets: {sheets}.",
        "{file} no tiene ninguna hoja llamada «{sheet}». Hojas: {sheets}.",
    ),
    "upload.unreadable": (
        "{file} could not be read: {detail}", "No se ha podido leer {file}: {detail}"
    ),
    "upload.no_account": (
        "{file}: no account column found (customer name or customer id) in the header on row "
        "{row}. Columns: {columns}. Choose the account column in the mapping.",
        "{file}: no se encuentra la columna de cuenta (nombre o código de cliente) en los "
        "encabezados de la fila {row}. Columnas: {columns}. Elija la columna de cuenta en la "
        "asignación.",
    ),
    "upload.no_amount": (
        "{file}: no amount column found (amount, sales, revenue…, or quantity and unit price) "
        "in the header on row {row}. Columns: {columns}. Choose the amount column in the mapping.",
        "{file}: no se encuentra la columna de importe (importe, ventas, facturación…, o "
        "cantidad y precio unitario) en los encabezados de la fila {row}. Columnas: {columns}. "
        "Elija la columna de importe en la asignación.",
    ),
    "upload.no_column": (
        "{file}: the column “{column}” chosen for {field} is not in the file. Columns: {columns}.",
        "{file}: la columna «{column}» elegida para {field} no está en el archivo. "
        "Columnas: {columns}.",
    ),
    "upload.unknown_field": (
        "Unknown field “{field}”. Fields: {fields}.",
        "Campo desconocido «{field}». Campos: {fields}.",
    ),
    "upload.need_quarter": (
        "{file} has no date column: choose the quarter its figures belong to.",
        "{file} no tiene columna de fecha: elija el trimestre al que pertenecen sus cifras.",
    ),
    "upload.has_rejects": (
        "{file}: {rejected} rows have errors ({valid} are valid). Nothing was loaded. Correct the "
        "file, or choose to load only the valid rows.",
        "{file}: {rejected} filas tienen errores ({valid} son válidas). No se ha cargado nada. "
        "Corrija el archivo o elija cargar solo las filas válidas.",
    ),
    "upload.no_valid_rows": (
        "{file} has no valid rows to load.", "{file} no tiene ninguna fila válida que cargar."
    ),
    "upload.same_file_twice": (
        "{file} and {other} are the same file (identical content); load it once.",
        "{file} y {other} son el mismo archivo (contenido idéntico); cárguelo una sola vez.",
    ),
    "upload.duplicate": (
        "{file} has already been loaded (upload #{batch}, identical content). Nothing was "
        "loaded. To load it again, choose to replace the earlier upload.",
        "{file} ya se cargó (carga n.º {batch}, contenido idéntico). No se ha cargado nada. "
        "Para cargarlo de nuevo, elija sustituir la carga anterior.",
    ),
    "upload.overlap": (
        "{file} covers quarters that are already loaded: {quarters}. Nothing was loaded. Choose "
        "to replace those quarters, or to add these lines to them.",
        "{file} abarca trimestres que ya están cargados: {quarters}. No se ha cargado nada. "
        "Elija sustituir esos trimestres o añadir estas líneas a ellos.",
    ),
    "upload.no_batch": ("There is no upload #{batch}.", "No existe la carga n.º {batch}."),
    "upload.batch_not_active": (
        "Upload #{batch} has already been removed or replaced.",
        "La carga n.º {batch} ya se había eliminado o sustituido.",
    ),
    # ---------------------------------------------------------------- row rejects
    "rej.account_blank": ("Account is blank", "La cuenta está vacía"),
    "rej.amount_blank": ("Amount is blank", "El importe está vacío"),
    "rej.amount_text": (
        "Amount is not a number: “{value}”", "El importe no es un número: «{value}»"
    ),
    "rej.amount_not_finite": (
        "Amount is not a finite number: “{value}”",
        "El importe no es un número finito: «{value}»",
    ),
    "rej.date_blank": ("Date is blank", "La fecha está vacía"),
    "rej.date_unparsable": (
        "Date not recognised: “{value}”", "Fecha no reconocida: «{value}»"
    ),
    "rej.date_impossible": (
        "Impossible date: “{value}”", "Fecha imposible: «{value}»"
    ),
    "rej.ragged": (
        "Wrong number of fields: {value} instead of {expected} (a stray delimiter or quote?)",
        "Número de campos incorrecto: {value} en lugar de {expected} (¿un separador o unas "
        "comillas de más?)",
    ),
    "rej.account_blank.short": ("Account is blank", "Cuenta vacía"),
    "rej.amount_blank.short": ("Amount is blank", "Importe vacío"),
    "rej.amount_text.short": ("Amount is not a number", "Importe no numérico"),
    "rej.amount_not_finite.short": ("Amount is not a finite number", "Importe no finito"),
    "rej.date_blank.short": ("Date is blank", "Fecha vacía"),
    "rej.date_unparsable.short": ("Date not recognised", "Fecha no reconocida"),
    "rej.date_impossible.short": ("Impossible date", "Fecha imposible"),
    "rej.ragged.short": ("Wrong number of fields", "Número de campos incorrecto"),
    # ---------------------------------------------------------------- command line
    "ingest.cli.cannot_read": (
        "Cannot read {file}: {detail}", "No se puede leer {file}: {detail}"
    ),
    "ingest.cli.file_summary": (
        "{file}: {rows} rows, {valid} valid, {rejected} rejected; quarters {quarters}; "
        "total {total}",
        "{file}: {rows} filas, {valid} válidas, {rejected} rechazadas; trimestres {quarters}; "
        "total {total}",
    ),
    "ingest.cli.rejected": (
        "{file}: {rows} rows rejected:", "{file}: {rows} filas rechazadas:"
    ),
    "ingest.cli.reason_count": (
        "{n} × {reason} (column {column})", "{n} × {reason} (columna {column})"
    ),
    "ingest.cli.reject_line": (
        "{file}, row {row}, column {column}: {reason}",
        "{file}, fila {row}, columna {column}: {reason}",
    ),
    "ingest.cli.more": ("… and {n} more", "… y {n} más"),
    "ingest.cli.need_quarter": (
        "{file} has no date column: pass --quarter YYYY-Qn (e.g. --quarter 2025-Q1).",
        "{file} no tiene columna de fecha: indique --quarter AAAA-Qn (p. ej. --quarter 2025-Q1).",
    ),
    "ingest.cli.use_skip_invalid": (
        "Use --skip-invalid to load only the valid rows.",
        "Use --skip-invalid para cargar solo las filas válidas.",
    ),
    "ingest.cli.nothing_written": (
        "Nothing was written to the database.", "No se ha escrito nada en la base de datos."
    ),
    "ingest.cli.committed": (
        "Loaded {lines} lines in {n} upload(s) (#{batches}).",
        "Cargadas {lines} líneas en {n} carga(s) (n.º {batches}).",
    ),
    # ---------------------------------------------------------------- tables
    "up.col.file": ("File", "Archivo"),
    "up.col.row": ("Row", "Fila"),
    "up.col.column": ("Column", "Columna"),
    "up.col.reason": ("Reason", "Motivo"),
    "up.col.value": ("Value", "Valor"),
}
