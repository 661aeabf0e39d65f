"""Hardening (issue 14): upload limits, implausible values, database failures, backups."""

STRINGS = {
    # ---------------------------------------------------------------- settings
    "sp.group.intake_limits": (
        "Upload limits and plausible values",
        "Límites de carga y valores plausibles",
    ),
    "sp.group.backups": ("Keeping backups", "Conservación de copias"),
    "set.max_rows_per_file": ("Rows per file", "Filas por archivo"),
    "set.max_rows_per_file.help": (
        "A file with more data rows is refused while it is read (nothing is loaded).",
        "Un archivo con más filas de datos se rechaza mientras se lee (no se carga nada).",
    ),
    "set.max_cells_per_file": ("Cells per file", "Celdas por archivo"),
    "set.max_cells_per_file.help": (
        "Rows × columns of one file (or one Excel sheet); more is refused while it is read.",
        "Filas × columnas de un archivo (o de una hoja de Excel); si hay más, se rechaza al leerlo.",
    ),
    "set.max_rows_per_upload": ("Rows per upload", "Filas por carga"),
    "set.max_rows_per_upload.help": (
        "All the files of one upload together (they are committed in one transaction).",
        "Todos los archivos de una carga juntos (se guardan en una sola transacción).",
    ),
    "set.max_cells_per_upload": ("Cells per upload", "Celdas por carga"),
    "set.max_cells_per_upload.help": (
        "Rows × columns of all the files of one upload together.",
        "Filas × columnas de todos los archivos de una carga juntos.",
    ),
    "set.max_expanded_mb": (
        "Unzipped size of an Excel file (MB)",
        "Tamaño descomprimido de un Excel (MB)",
    ),
    "set.max_expanded_mb.help": (
        "An .xlsx file is a zip archive; one that would expand beyond this is refused before it is read.",
        "Un archivo .xlsx es un archivo zip; si se descomprimiría por encima de esto, se rechaza antes de leerlo.",
    ),
    "set.max_abs_amount": ("Largest plausible amount", "Importe plausible más alto"),
    "set.max_abs_amount.help": (
        "A line whose amount is larger than this (positive or negative) is a rejected row.",
        "Una línea cuyo importe supere esto (positivo o negativo) es una fila rechazada.",
    ),
    "set.date_min_year": ("Earliest plausible year", "Primer año plausible"),
    "set.date_min_year.help": (
        "Lines dated before 1 January of this year are rejected rows.",
        "Las líneas con fecha anterior al 1 de enero de este año son filas rechazadas.",
    ),
    "set.date_max_years_ahead": ("Years ahead allowed", "Años hacia delante permitidos"),
    "set.date_max_years_ahead.help": (
        "Lines dated more than this many years after today are rejected rows.",
        "Las líneas con fecha posterior a hoy en más de estos años son filas rechazadas.",
    ),
    "set.backup_keep_days": ("Keep backups for (days)", "Conservar copias (días)"),
    "set.backup_keep_days.help": (
        "Older backups are deleted when a new one is made (the newest is always kept).",
        "Las copias más antiguas se borran al hacer una nueva (la más reciente siempre se conserva).",
    ),
    "set.backup_keep_count": ("Backups kept at most", "Copias conservadas como máximo"),
    "set.backup_keep_count.help": (
        "Automatic backups are made before every undo, replace, merge, erase and restore, and daily.",
        "Se hacen copias automáticas antes de cada deshacer, sustituir, fusionar, borrar y restaurar, y a diario.",
    ),
    # ---------------------------------------------------------------- database failures
    "hd.err.db_damaged": (
        "The database file {path} is damaged or incomplete and cannot be read ({detail}). "
        "Nothing was changed. Restore the latest backup: the app offers it on its page, or run "
        "“python -m kam_core restore BACKUP --db {path}” (backups are in the “backups” folder "
        "next to the file).",
        "El archivo de base de datos {path} está dañado o incompleto y no se puede leer "
        "({detail}). No se ha cambiado nada. Restaure la copia de seguridad más reciente: la "
        "aplicación la ofrece en su página, o ejecute «python -m kam_core restore COPIA --db "
        "{path}» (las copias están en la carpeta «backups» junto al archivo).",
    ),
    "hd.err.db_unreadable": (
        "The database file {path} cannot be opened: {detail}. Check that it is a file and that "
        "Cartera's user may read and write it and its folder. Nothing was changed.",
        "No se puede abrir el archivo de base de datos {path}: {detail}. Compruebe que es un "
        "archivo y que el usuario de Cartera puede leerlo y escribirlo, igual que su carpeta. No "
        "se ha cambiado nada.",
    ),
    "hd.err.db_too_new": (
        "The database {path} was written by a newer version of Cartera (schema {version}; this "
        "version knows up to {known}). It was not changed. Update Cartera, or restore a backup "
        "made by this version.",
        "La base de datos {path} la escribió una versión más reciente de Cartera (esquema "
        "{version}; esta versión conoce hasta {known}). No se ha cambiado. Actualice Cartera o "
        "restaure una copia hecha con esta versión.",
    ),
    "hd.err.disk_full": (
        "The disk is full ({path}): nothing was written and the database is exactly as it was. "
        "Free some space and try again.",
        "El disco está lleno ({path}): no se ha escrito nada y la base de datos está exactamente "
        "como estaba. Libere espacio y vuelva a intentarlo.",
    ),
    # ---------------------------------------------------------------- backups
    "hd.err.backup": (
        "The backup could not be made.",
        "No se ha podido hacer la copia de seguridad.",
    ),
    "hd.err.backup_write": (
        "The backup {path} could not be written: {detail}. Nothing was changed.",
        "No se ha podido escribir la copia {path}: {detail}. No se ha cambiado nada.",
    ),
    "hd.err.backup_damaged": (
        "The backup {path} cannot be read (damaged, or not a database): {detail}. Nothing was "
        "changed; choose another backup.",
        "La copia {path} no se puede leer (dañada, o no es una base de datos): {detail}. No se "
        "ha cambiado nada; elija otra copia.",
    ),
    "hd.err.backup_not_cartera": (
        "{path} is a DuckDB file but not a Cartera database. Nothing was changed.",
        "{path} es un archivo DuckDB pero no una base de datos de Cartera. No se ha cambiado nada.",
    ),
    "hd.err.backup_missing": (
        "There is no backup file {path}.",
        "No existe el archivo de copia {path}.",
    ),
    "hd.err.backup_exists": (
        "{path} already exists; choose another file name (nothing was overwritten).",
        "{path} ya existe; elija otro nombre de archivo (no se ha sobrescrito nada).",
    ),
    "hd.err.backup_memory": (
        "An in-memory database has no file to back up or restore.",
        "Una base de datos en memoria no tiene archivo que copiar ni restaurar.",
    ),
    "hd.reason.manual": ("made by hand", "hecha a mano"),
    "hd.reason.daily": ("daily", "diaria"),
    "hd.reason.undo": ("before an undo", "antes de deshacer"),
    "hd.reason.replace": ("before a replace", "antes de sustituir"),
    "hd.reason.merge": ("before a merge", "antes de fusionar"),
    "hd.reason.erase": ("before an erase", "antes de borrar"),
    "hd.reason.restore": ("before a restore", "antes de restaurar"),
    "hd.reason.damaged": ("damaged file kept aside", "archivo dañado apartado"),
    # ---------------------------------------------------------------- command line
    "hd.cli.backup_done": (
        "Backup written: {path} ({size} MB)",
        "Copia escrita: {path} ({size} MB)",
    ),
    "hd.cli.no_backups": (
        "No backups of {db} in {folder}.",
        "No hay copias de {db} en {folder}.",
    ),
    "hd.cli.backup_line": (
        "{when} UTC  {reason}  {size} MB  {path}",
        "{when} UTC  {reason}  {size} MB  {path}",
    ),
    "hd.cli.restored": (
        "Restored {source} into {db}. The state before was backed up to {undo}: restore that "
        "file to undo this restore.",
        "Restaurada {source} en {db}. El estado anterior se ha copiado en {undo}: restaure ese "
        "archivo para deshacer esta restauración.",
    ),
    "hd.cli.replaced": (
        "{db} could not be opened; it was kept as {kept} and replaced by {source}.",
        "{db} no se podía abrir; se ha guardado como {kept} y se ha sustituido por {source}.",
    ),
    "hd.cli.io_error": ("Cannot use {path}: {detail}", "No se puede usar {path}: {detail}"),
    # ---------------------------------------------------------------- upload limits
    "hd.upload.too_many_rows": (
        "{file} has more than {limit} data rows, the limit per file (setting “Rows per file”). "
        "It was refused while being read; nothing was loaded. Split the file, or raise the limit "
        "in Settings.",
        "{file} tiene más de {limit} filas de datos, el límite por archivo (ajuste «Filas por "
        "archivo»). Se ha rechazado al leerlo; no se ha cargado nada. Divida el archivo o suba el "
        "límite en Ajustes.",
    ),
    "hd.upload.too_many_cells": (
        "{file} has more than {limit} cells (rows × columns), the limit per file (setting "
        "“Cells per file”). It was refused while being read; nothing was loaded. Remove unused "
        "columns, split the file, or raise the limit in Settings.",
        "{file} tiene más de {limit} celdas (filas × columnas), el límite por archivo (ajuste "
        "«Celdas por archivo»). Se ha rechazado al leerlo; no se ha cargado nada. Quite columnas "
        "que no se usan, divida el archivo o suba el límite en Ajustes.",
    ),
    "hd.upload.upload_rows": (
        "{file}: this upload would have more than {limit} rows in all, the limit per upload "
        "(setting “Rows per upload”). {file} was not read; nothing was loaded. Upload the files "
        "in several goes, or raise the limit in Settings.",
        "{file}: esta carga tendría más de {limit} filas en total, el límite por carga (ajuste "
        "«Filas por carga»). {file} no se ha leído; no se ha cargado nada. Cargue los archivos en "
        "varias veces o suba el límite en Ajustes.",
    ),
    "hd.upload.upload_cells": (
        "{file}: this upload would have more than {limit} cells in all, the limit per upload "
        "(setting “Cells per upload”). {file} was not read; nothing was loaded. Upload the files "
        "in several goes, or raise the limit in Settings.",
        "{file}: esta carga tendría más de {limit} celdas en total, el límite por carga (ajuste "
        "«Celdas por carga»). {file} no se ha leído; no se ha cargado nada. Cargue los archivos "
        "en varias veces o suba el límite en Ajustes.",
    ),
    "hd.upload.expanded": (
        "{file} would expand to {size} MB when unzipped, above the limit of {limit} MB (setting "
        "“Unzipped size of an Excel file”). It was not read; nothing was loaded.",
        "{file} ocuparía {size} MB al descomprimirse, por encima del límite de {limit} MB "
        "(ajuste «Tamaño descomprimido de un Excel»). No se ha leído; no se ha cargado nada.",
    ),
    "hd.upload.excel_bad_ref": (
        "{file}: sheet “{sheet}” has a cell outside Excel's grid ({ref}). The file is damaged "
        "or was not made by a spreadsheet program; nothing was loaded.",
        "{file}: la hoja «{sheet}» tiene una celda fuera de la cuadrícula de Excel ({ref}). El "
        "archivo está dañado o no lo ha creado una hoja de cálculo; no se ha cargado nada.",
    ),
    "hd.upload.excel_too_many_rows": (
        "{file}: sheet “{sheet}” has more than {limit} rows, more than Excel itself allows (a "
        "file that expands far beyond its size?). It was refused while being read; nothing was "
        "loaded.",
        "{file}: la hoja «{sheet}» tiene más de {limit} filas, más de las que admite el propio "
        "Excel (¿un archivo que se expande mucho más de lo que ocupa?). Se ha rechazado al "
        "leerlo; no se ha cargado nada.",
    ),
    "hd.upload.quarter_out_of_range": (
        "Quarter {quarter} is outside the plausible dates (from {first} to {last}; settings "
        "“Earliest plausible year” and “Years ahead allowed”).",
        "El trimestre {quarter} está fuera de las fechas plausibles (de {first} a {last}; ajustes "
        "«Primer año plausible» y «Años hacia delante permitidos»).",
    ),
    "hd.upload.total_not_finite": (
        "{file}: the amounts add up to more than a number can hold; nothing was loaded. Check "
        "the amount column.",
        "{file}: los importes suman más de lo que cabe en un número; no se ha cargado nada. "
        "Revise la columna de importe.",
    ),
    # ---------------------------------------------------------------- implausible rows
    "rej.amount_too_large": (
        "Amount larger than the plausible limit of ±{expected} (setting “Largest plausible "
        "amount”): “{value}”",
        "Importe mayor que el límite plausible de ±{expected} (ajuste «Importe plausible más "
        "alto»): «{value}»",
    ),
    "rej.amount_too_large.short": (
        "Amount beyond the plausible limit",
        "Importe fuera del límite plausible",
    ),
    "rej.date_too_early": (
        "Date before the year {expected} (setting “Earliest plausible year”): “{value}”",
        "Fecha anterior al año {expected} (ajuste «Primer año plausible»): «{value}»",
    ),
    "rej.date_too_early.short": ("Date too early", "Fecha demasiado antigua"),
    "rej.date_too_late": (
        "Date more than {expected} year(s) after today (setting “Years ahead allowed”): “{value}”",
        "Fecha posterior a hoy en más de {expected} año(s) (ajuste «Años hacia delante "
        "permitidos»): «{value}»",
    ),
    "rej.date_too_late.short": (
        "Date too far in the future",
        "Fecha demasiado lejana en el futuro",
    ),
    # ---------------------------------------------------------------- pages
    "hd.ui.damaged_title": ("The database cannot be used", "La base de datos no se puede usar"),
    "hd.ui.restore_latest": (
        "Restore the latest backup ({when} UTC, {reason})",
        "Restaurar la copia más reciente ({when} UTC, {reason})",
    ),
    "hd.ui.restore_help": (
        "The current file is kept aside in the backups folder first, so nothing is lost.",
        "Antes se aparta el archivo actual en la carpeta de copias, así que no se pierde nada.",
    ),
    "hd.ui.no_backup": (
        "No backup of this database was found in {folder}. Copy a backup there, or restore one "
        "from the command line.",
        "No se ha encontrado ninguna copia de esta base de datos en {folder}. Copie una allí o "
        "restáurela desde la línea de comandos.",
    ),
    "hd.ui.restored_file": (
        "The backup of {when} UTC was restored. The damaged file was kept as {kept}.",
        "Se ha restaurado la copia del {when} UTC. El archivo dañado se ha guardado como {kept}.",
    ),
    "hd.sp.backups": ("Backups", "Copias de seguridad"),
    "hd.sp.backups.intro": (
        "Made before every undo, replace, merge, erase and restore, and once a day, in {folder}. "
        "Restoring one first backs up the current state, so a restore can itself be undone.",
        "Se hacen antes de cada deshacer, sustituir, fusionar, borrar y restaurar, y una vez al "
        "día, en {folder}. Al restaurar una, antes se copia el estado actual, así que una "
        "restauración también se puede deshacer.",
    ),
    "hd.sp.none": ("No backups yet.", "Todavía no hay copias."),
    "hd.sp.col.when": ("Made (UTC)", "Hecha (UTC)"),
    "hd.sp.col.reason": ("Why", "Motivo"),
    "hd.sp.col.size": ("Size (MB)", "Tamaño (MB)"),
    "hd.sp.col.file": ("File", "Archivo"),
    "hd.sp.pick": ("Backup to restore", "Copia que restaurar"),
    "hd.sp.restore": ("Restore this backup", "Restaurar esta copia"),
    "hd.sp.confirm": (
        "I understand every change made after this backup is replaced (the current state is "
        "backed up first)",
        "Entiendo que se sustituye todo cambio posterior a esta copia (antes se copia el estado "
        "actual)",
    ),
    "hd.sp.backup_now": ("Back up now", "Hacer una copia ahora"),
    "hd.sp.backed_up": ("Backup made: {file}", "Copia hecha: {file}"),
    "hd.sp.restored": (
        "Backup of {when} UTC restored. The state before was saved as {undo}: restore it to undo.",
        "Copia del {when} UTC restaurada. El estado anterior se ha guardado como {undo}: "
        "restáurela para deshacer.",
    ),
    "hd.up.sheet": ("Sheet", "Hoja"),
    "hd.up.sheet.help": (
        "The workbook has several sheets; the first one with revenue data is chosen for you.",
        "El libro tiene varias hojas; se elige la primera con datos de facturación.",
    ),
    "hd.up.limits": (
        "Up to {mb} MB per file; at most {rows} rows per file.",
        "Hasta {mb} MB por archivo; como máximo {rows} filas por archivo.",
    ),
    "hd.up.too_big": (
        "This file cannot be uploaded: it must be a CSV or Excel file of {mb} MB or less.",
        "Este archivo no se puede subir: debe ser un CSV o un Excel de {mb} MB como máximo.",
    ),
    "hd.up.instructions": (
        "Up to {mb} MB per file • CSV, TXT, TSV, XLSX, XLSM, XLS",
        "Hasta {mb} MB por archivo • CSV, TXT, TSV, XLSX, XLSM, XLS",
    ),
    "hd.up.button": ("Upload", "Subir"),
    "hd.ui.unexpected": (
        "Something went wrong on this page. The details were written to the server log.",
        "Algo ha fallado en esta página. Los detalles se han escrito en el registro del servidor.",
    ),
}
