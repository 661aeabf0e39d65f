"""Data intake: file refusals, row rejects, the command line and the Upload page."""

STRINGS = {
    # ---------------------------------------------------------------- whole-file refusals
    "err.upload": (
        "{file}: this file cannot be loaded.",
        "{file}: no se puede cargar este archivo.",
    ),
    "err.duplicate_file": ("{file} has already been loaded.", "{file} ya se había cargado."),
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
        "{file} could not be read: {detail}",
        "No se ha podido leer {file}: {detail}",
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
    "upload.map_reused": (
        "The column “{column}” is given to two fields, {other} and {field}: a column feeds one "
        "field. Give one of them another column.",
        "La columna «{column}» está asignada a dos campos, {other} y {field}: cada columna "
        "alimenta un solo campo. Asigne otra columna a uno de ellos.",
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
        "{file} has no valid rows to load.",
        "{file} no tiene ninguna fila válida que cargar.",
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
        "Amount is not a number: “{value}”",
        "El importe no es un número: «{value}»",
    ),
    "rej.amount_not_finite": (
        "Amount is not a finite number: “{value}”",
        "El importe no es un número finito: «{value}»",
    ),
    "rej.date_blank": ("Date is blank", "La fecha está vacía"),
    "rej.date_unparsable": ("Date not recognised: “{value}”", "Fecha no reconocida: «{value}»"),
    "rej.date_impossible": ("Impossible date: “{value}”", "Fecha imposible: «{value}»"),
    "rej.date_number": (
        "A number, not a date: “{value}”. Numbers in a date column are read as Excel serial "
        "dates (45292 = 1 January 2024) only when most of them are plausible dates.",
        "Un número, no una fecha: «{value}». Los números de una columna de fechas se leen como "
        "fechas serie de Excel (45292 = 1 de enero de 2024) solo si la mayoría son fechas "
        "plausibles.",
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
    "rej.date_number.short": ("Number, not a date", "Número, no fecha"),
    "rej.ragged.short": ("Wrong number of fields", "Número de campos incorrecto"),
    # ---------------------------------------------------------------- command line
    "ingest.cli.cannot_read": ("Cannot read {file}: {detail}", "No se puede leer {file}: {detail}"),
    "ingest.cli.file_summary": (
        "{file}: {rows} rows, {valid} valid, {rejected} rejected; quarters {quarters}; "
        "total {total}",
        "{file}: {rows} filas, {valid} válidas, {rejected} rechazadas; trimestres {quarters}; "
        "total {total}",
    ),
    "ingest.cli.mapping": (
        "{file}: columns read: {mapping}",
        "{file}: columnas leídas: {mapping}",
    ),
    "ingest.cli.rejected": ("{file}: {rows} rows rejected:", "{file}: {rows} filas rechazadas:"),
    "ingest.cli.reason_count": (
        "{n} × {reason} (column {column})",
        "{n} × {reason} (columna {column})",
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
        "Nothing was written to the database.",
        "No se ha escrito nada en la base de datos.",
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
    # ---------------------------------------------------------------- Upload page
    "up.title": ("Upload revenue files", "Cargar archivos de facturación"),
    "up.intro": (
        "CSV or Excel files, one or several at once (e.g. one per quarter). Cartera detects the "
        "encoding, separator, decimal comma and date format, matches your columns, and shows "
        "what it will load before anything is written.",
        "Archivos CSV o Excel, uno o varios a la vez (p. ej. uno por trimestre). Cartera detecta "
        "la codificación, el separador, la coma decimal y el formato de fecha, reconoce sus "
        "columnas y le muestra lo que va a cargar antes de escribir nada.",
    ),
    "up.input": ("Revenue files", "Archivos de facturación"),
    "up.input.help": (
        "One line per invoice or order line: customer, amount (or quantity and unit price) and, "
        "ideally, a date. Spanish exports (semicolon, decimal comma, dd/mm/yyyy) are fine.",
        "Una línea por factura o línea de pedido: cliente, importe (o cantidad y precio unitario) "
        "y, a ser posible, fecha. Las exportaciones españolas (punto y coma, coma decimal, "
        "dd/mm/aaaa) se leen sin problema.",
    ),
    "up.file": ("File", "Archivo"),
    "up.format.csv": (
        "CSV · {encoding} · separator: {delimiter} · {decimal} · header on row {row}",
        "CSV · {encoding} · separador: {delimiter} · {decimal} · encabezados en la fila {row}",
    ),
    "up.format.xlsx": (
        "Excel · sheet “{sheet}” · header on row {row}",
        "Excel · hoja «{sheet}» · encabezados en la fila {row}",
    ),
    "up.delim.semicolon": ("semicolon", "punto y coma"),
    "up.delim.comma": ("comma", "coma"),
    "up.delim.tab": ("tab", "tabulador"),
    "up.delim.pipe": ("vertical bar", "barra vertical"),
    "up.dec.comma": ("decimal comma", "coma decimal"),
    "up.dec.point": ("decimal point", "punto decimal"),
    "up.fix_mapping": (
        "Tell Cartera which columns hold the account and the amount:",
        "Indique a Cartera qué columnas contienen la cuenta y el importe:",
    ),
    "up.more_fields": ("More columns (optional)", "Más columnas (opcionales)"),
    "up.not_in_file": ("— not in the file —", "— no está en el archivo —"),
    "up.computed": ("Quantity × unit price", "Cantidad × precio unitario"),
    "up.field.account": ("Account (name)", "Cuenta (nombre)"),
    "up.field.account_id": ("Account ID", "Código de cuenta"),
    "up.field.amount": ("Amount", "Importe"),
    "up.field.date": ("Date", "Fecha"),
    "up.field.quantity": ("Quantity", "Cantidad"),
    "up.field.unit_price": ("Unit price", "Precio unitario"),
    "up.field.invoice": ("Invoice / order", "Factura / pedido"),
    "up.field.product": ("Product", "Producto"),
    "up.field.product_line": ("Product line", "Línea de producto"),
    "up.field.region": ("Region", "Región"),
    "up.field.country": ("Country", "País"),
    "up.field.segment": ("Segment", "Segmento"),
    "up.field.kam": ("KAM / sales rep", "KAM / comercial"),
    "up.field.margin": ("Margin", "Margen"),
    "up.field.cost": ("Cost", "Coste"),
    "up.field.currency": ("Currency", "Moneda"),
    "up.pick_quarter": (
        "This file has no date column: which quarter are these figures?",
        "Este archivo no tiene columna de fecha: ¿a qué trimestre corresponden estas cifras?",
    ),
    "up.choose": ("Choose…", "Elija…"),
    "up.date_order": (
        "Every date in this file could be read either way. How are they written?",
        "Todas las fechas de este archivo admiten las dos lecturas. ¿Cómo están escritas?",
    ),
    "up.order.dmy": ("day/month/year", "día/mes/año"),
    "up.order.mdy": ("month/day/year", "mes/día/año"),
    "up.m.valid": ("Valid rows", "Filas válidas"),
    "up.m.rejected": ("Rejected rows", "Filas rechazadas"),
    "up.m.total": ("Total amount", "Importe total"),
    "up.m.total.help": (
        "Net of credit notes, exactly {total}",
        "Neto de abonos, exactamente {total}",
    ),
    "up.m.accounts_new": ("New accounts", "Cuentas nuevas"),
    "up.m.accounts_known": ("Known accounts", "Cuentas ya conocidas"),
    "up.quarters": ("Quarters in the file: {quarters}", "Trimestres del archivo: {quarters}"),
    "up.warn.duplicate": (
        "This exact file is already loaded (upload #{batch}). Loading it again would count it "
        "twice: it will be refused unless you choose to replace the earlier upload below.",
        "Este mismo archivo ya está cargado (carga n.º {batch}). Cargarlo otra vez lo contaría "
        "dos veces: se rechazará salvo que elija abajo sustituir la carga anterior.",
    ),
    "up.warn.overlap": (
        "Quarters already loaded: {quarters}. Choose below whether this file replaces them or "
        "adds to them.",
        "Trimestres ya cargados: {quarters}. Elija abajo si este archivo los sustituye o se "
        "suma a ellos.",
    ),
    "up.rejects": (
        "{n} rows will not be loaded. Each is listed with its row, column and reason:",
        "{n} filas no se cargarán. Cada una aparece con su fila, columna y motivo:",
    ),
    "up.download_rejects": ("Download rejected rows (CSV)", "Descargar filas rechazadas (CSV)"),
    "up.rejects_suffix": ("rejected", "rechazadas"),
    "up.diff.title": ("{quarter} compared with {prev}", "{quarter} comparado con {prev}"),
    "up.diff.title_change": (
        "{quarters}: the database after this upload compared with now",
        "{quarters}: la base de datos tras esta carga comparada con la actual",
    ),
    "up.diff.no_change": (
        "This upload leaves {quarters} as they are: the same accounts with the same revenue.",
        "Esta carga deja {quarters} como están: las mismas cuentas con la misma facturación.",
    ),
    "up.diff.choose": (
        "Choose below whether this upload replaces or adds to {quarters}, already loaded, to "
        "see what it changes.",
        "Elija abajo si esta carga sustituye o se suma a {quarters}, ya cargados, para ver qué "
        "cambia.",
    ),
    "up.diff.total_after": ("Revenue after the upload", "Facturación tras la carga"),
    "up.diff.col.now": ("Now", "Ahora"),
    "up.diff.col.after": ("After the upload", "Tras la carga"),
    "up.diff.new": ("New accounts", "Cuentas nuevas"),
    "up.diff.lost": ("Accounts lost", "Cuentas perdidas"),
    "up.diff.changed": ("Accounts changed", "Cuentas con cambios"),
    "up.diff.total": ("Quarter revenue", "Facturación del trimestre"),
    "up.diff.revenue": ("{amount} revenue", "{amount} de facturación"),
    "up.diff.details": ("Largest changes by account", "Mayores cambios por cuenta"),
    "up.diff.col.account": ("Account", "Cuenta"),
    "up.diff.col.status": ("Change", "Cambio"),
    "up.diff.col.previous": ("Previous quarter", "Trimestre anterior"),
    "up.diff.col.current": ("This file", "Este archivo"),
    "up.diff.col.delta": ("Difference", "Diferencia"),
    "up.diff.status.new": ("new", "nueva"),
    "up.diff.status.lost": ("lost", "perdida"),
    "up.diff.status.changed": ("changed", "cambia"),
    "up.diff.status.same": ("unchanged", "sin cambios"),
    "up.opt.replace": (
        "Replace the earlier upload of the same file",
        "Sustituir la carga anterior del mismo archivo",
    ),
    "up.opt.overlap": (
        "What should happen to the quarters already loaded?",
        "¿Qué hacer con los trimestres que ya están cargados?",
    ),
    "up.opt.overlap.replace": (
        "Replace those quarters with this upload",
        "Sustituir esos trimestres por esta carga",
    ),
    "up.opt.overlap.add": ("Add these lines to them", "Añadir estas líneas a los existentes"),
    "up.commit": ("Load {n} rows", "Cargar {n} filas"),
    "up.commit_valid": ("Load the {n} valid rows", "Cargar las {n} filas válidas"),
    "up.from_files": ("from {files} files", "de {files} archivos"),
    "up.cancel": ("Cancel", "Cancelar"),
    "up.cancelled": (
        "Upload cancelled: nothing was written.",
        "Carga cancelada: no se ha escrito nada.",
    ),
    "up.blocked": (
        "A file above cannot be loaded yet: fix or remove it first.",
        "Hay un archivo que todavía no se puede cargar: corríjalo o quítelo primero.",
    ),
    "up.done": (
        "Loaded {lines} rows in {n} upload(s): {ids}. All figures are up to date.",
        "Cargadas {lines} filas en {n} carga(s): {ids}. Todas las cifras están actualizadas.",
    ),
    "up.history": ("Upload history", "Historial de cargas"),
    "up.history.empty": ("Nothing has been uploaded yet.", "Todavía no se ha cargado nada."),
    "up.h.file": ("File", "Archivo"),
    "up.h.when": ("Uploaded (UTC)", "Fecha de carga (UTC)"),
    "up.h.by": ("By", "Usuario"),
    "up.h.rows": ("Rows", "Filas"),
    "up.h.rejected": ("Rejected", "Rechazadas"),
    "up.h.quarters": ("Quarters", "Trimestres"),
    "up.h.total": ("Total", "Total"),
    "up.h.status": ("Status", "Estado"),
    "up.status.active": ("loaded", "cargada"),
    "up.status.removed": ("undone", "deshecha"),
    "up.status.replaced": ("replaced", "sustituida"),
    "up.undo.pick": ("Upload to undo", "Carga que deshacer"),
    "up.undo": ("Undo upload", "Deshacer carga"),
    "up.undone": (
        "Upload #{batch} undone: its lines were removed and figures are as before it.",
        "Carga n.º {batch} deshecha: se han quitado sus líneas y las cifras vuelven a ser las de "
        "antes.",
    ),
}
