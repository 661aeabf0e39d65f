"""Real exports (issue 7): wide period reports, total rows, currencies and exchange rates."""

STRINGS = {
    # ---------------------------------------------------------------- wide reports (F-IN-8)
    "shape.wide": (
        "Read as a report by {kind}: {n} period columns, {first} to {last}, one line per "
        "account and period.",
        "Leído como un informe por {kind}: {n} columnas de periodo, de {first} a {last}, una "
        "línea por cuenta y periodo.",
    ),
    "shape.wide.year": (
        "Year taken from the title: {year}.",
        "Año tomado del título: {year}.",
    ),
    "shape.wide.left_out": (
        "Not loaded: {columns}.",
        "No se cargan: {columns}.",
    ),
    "shape.kind.month": ("months", "meses"),
    "shape.kind.quarter": ("quarters", "trimestres"),
    "shape.kind.year": ("years", "años"),
    "shape.reading": (
        "Period columns: how each column was read",
        "Columnas de periodo: cómo se ha leído cada columna",
    ),
    "shape.reading.help": (
        "Correct a period by typing it (2024-01, 2024-Q1 or 2024); clear it to leave the column "
        "out. Total columns are never loaded.",
        "Corrija un periodo escribiéndolo (2024-01, 2024-T1 o 2024); bórrelo para no cargar la "
        "columna. Las columnas de totales nunca se cargan.",
    ),
    "shape.as_long": ("Read as a list of lines instead", "Leer como una lista de líneas"),
    "shape.as_long.help": (
        "The file has one line per sale, not one column per period: map its columns below.",
        "El archivo tiene una línea por venta, no una columna por periodo: asigne sus columnas "
        "abajo.",
    ),
    "shape.col.column": ("Column", "Columna"),
    "shape.col.role": ("Read as", "Leída como"),
    "shape.col.found": ("Found", "Detectada"),
    "shape.col.period": ("Period", "Periodo"),
    "shape.col.quarter": ("Quarter", "Trimestre"),
    "shape.role.period": ("period", "periodo"),
    "shape.role.total": ("total, not loaded", "total, no se carga"),
    "shape.role.skipped": ("left out", "no se carga"),
    "shape.role.id": ("account data", "datos de la cuenta"),
    # ---------------------------------------------------------------- total rows (F-IN-9)
    "shape.total_rows": (
        "{n} total rows, not loaded (totals and subtotals are never counted):",
        "{n} filas de totales, no se cargan (los totales y subtotales nunca se suman):",
    ),
    "shape.col.label": ("Label", "Etiqueta"),
    "shape.col.amount": ("Amount in the file", "Importe en el archivo"),
    "shape.col.why": ("Why it is a total", "Por qué es un total"),
    "shape.why.label": ("labelled as a total", "rotulada como total"),
    "shape.why.group_subtotal": (
        "equals the sum of the lines above it",
        "igual a la suma de las líneas de su bloque",
    ),
    "shape.why.sum_of_above": (
        "last row, equals the sum of all the others",
        "última fila, igual a la suma de todas las demás",
    ),
    "shape.cli.total_rows": (
        "{file}: {n} total rows, not loaded",
        "{file}: {n} filas de totales, no se cargan",
    ),
    "shape.cli.wide": (
        "{file}: read as a report by {kind}, {n} period columns ({first} … {last}); not loaded: "
        "{left_out}",
        "{file}: leído como un informe por {kind}, {n} columnas de periodo ({first} … {last}); "
        "no se cargan: {left_out}",
    ),
    # ---------------------------------------------------------------- currencies (F-IN-10)
    "sp.group.currency": ("Currency", "Moneda"),
    "set.reporting_currency": ("Reporting currency", "Moneda de presentación"),
    "set.reporting_currency.help": (
        "Every figure is shown in this currency (ISO code: EUR, USD...). Lines in other "
        "currencies are converted with the rate of their quarter (rates below). Changing it "
        "needs a rate for every currency and quarter already loaded.",
        "Todas las cifras se muestran en esta moneda (código ISO: EUR, USD...). Las líneas en "
        "otras monedas se convierten con el tipo de cambio de su trimestre (tipos abajo). Para "
        "cambiarla hace falta un tipo para cada moneda y trimestre ya cargados.",
    ),
    "fx.title": ("Exchange rates into {currency}", "Tipos de cambio a {currency}"),
    "fx.intro": (
        "One rate per currency and quarter: how many {currency} one unit is worth. Saving "
        "converts the loaded lines again.",
        "Un tipo por moneda y trimestre: cuántos {currency} vale una unidad. Al guardar se "
        "vuelven a convertir las líneas cargadas.",
    ),
    "fx.col.currency": ("Currency", "Moneda"),
    "fx.col.quarter": ("Quarter (YYYY-Qn)", "Trimestre (AAAA-Qn)"),
    "fx.col.rate": ("Rate", "Tipo de cambio"),
    "fx.col.rate_in": ("Rate (in {currency})", "Tipo (en {currency})"),
    "fx.save": ("Save rates", "Guardar tipos de cambio"),
    "fx.saved": (
        "Rates saved; the figures were converted again.",
        "Tipos guardados; las cifras se han vuelto a convertir.",
    ),
    "fx.import": ("Import a rates file", "Importar un archivo de tipos de cambio"),
    "fx.import.help": (
        "CSV (; or ,) or Excel with the columns currency, quarter (YYYY-Qn) and rate; decimal "
        "comma or point.",
        "CSV (; o ,) o Excel con las columnas moneda, trimestre (AAAA-Qn) y tipo; coma o punto "
        "decimal.",
    ),
    "fx.import.go": ("Import these rates", "Importar estos tipos"),
    "fx.preview.converted": (
        "Converted into {currency} at the rate of each line's quarter: {amounts}.",
        "Convertido a {currency} con el tipo del trimestre de cada línea: {amounts}.",
    ),
    "fx.preview.missing": (
        "No exchange rate for {missing}. Enter the rates to load this file:",
        "Falta el tipo de cambio de {missing}. Introduzca los tipos para cargar este archivo:",
    ),
    "fx.preview.save": ("Save these rates", "Guardar estos tipos"),
    "fx.missing": (
        "No exchange rate for {missing}: enter those rates first. Nothing was saved.",
        "Falta el tipo de cambio de {missing}: introduzca esos tipos primero. No se ha guardado "
        "nada.",
    ),
    "fx.upload_missing": (
        "{file}: no exchange rate for {missing}. Nothing was written.",
        "{file}: falta el tipo de cambio de {missing}. No se ha escrito nada.",
    ),
    "fx.cli.how": (
        "Add the rates (units of {currency} per unit, per quarter) with "
        "“python -m kam_core rates import FILE” or on the Settings page, then load the file again.",
        "Añada los tipos (unidades de {currency} por unidad, por trimestre) con "
        "«python -m kam_core rates import ARCHIVO» o en la página de Ajustes y vuelva a cargar el "
        "archivo.",
    ),
    "fx.cli.imported": (
        "{file}: {added} rates added, {updated} updated (into {currency}).",
        "{file}: {added} tipos añadidos, {updated} actualizados (a {currency}).",
    ),
    "fx.cli.list_head": (
        "Reporting currency {currency}; {n} rates (currency, quarter, rate):",
        "Moneda de presentación {currency}; {n} tipos (moneda, trimestre, tipo):",
    ),
    "fx.bad_code": (
        "“{value}” is not a currency code (three letters, e.g. EUR).",
        "«{value}» no es un código de moneda (tres letras, p. ej. EUR).",
    ),
    "fx.bad_currency": (
        "“{value}” is not a currency code (three letters, e.g. USD).",
        "«{value}» no es un código de moneda (tres letras, p. ej. USD).",
    ),
    "fx.same_as_base": (
        "{value} is the reporting currency: it needs no rate.",
        "{value} es la moneda de presentación: no necesita tipo de cambio.",
    ),
    "fx.bad_quarter": (
        "“{value}” is not a quarter (YYYY-Qn, e.g. 2024-Q1).",
        "«{value}» no es un trimestre (AAAA-Qn, p. ej. 2024-Q1).",
    ),
    "fx.bad_rate": (
        "{field}: “{value}” is not a positive number.",
        "{field}: «{value}» no es un número positivo.",
    ),
    "fx.duplicate": (
        "{currency} {quarter} appears twice. Nothing was saved.",
        "{currency} {quarter} aparece dos veces. No se ha guardado nada.",
    ),
    "fx.unknown_rate": (
        "This rate no longer exists (changed elsewhere?). Reload the page.",
        "Este tipo ya no existe (¿cambiado en otra sesión?). Recargue la página.",
    ),
    "fx.file.columns": (
        "{file}: no column for {missing}. Columns found: {columns}. Expected: currency, quarter, "
        "rate (or moneda, trimestre, tipo).",
        "{file}: falta la columna de {missing}. Columnas encontradas: {columns}. Se esperan: "
        "moneda, trimestre, tipo (o currency, quarter, rate).",
    ),
    "fx.file.bad_cells": (
        "{file}: {n} cells cannot be read, nothing was imported:",
        "{file}: {n} celdas no se pueden leer, no se ha importado nada:",
    ),
    "fx.file.cell": (
        "  row {row}, column {column}: {reason}",
        "  fila {row}, columna {column}: {reason}",
    ),
    "fx.file.why.currency": (
        "“{value}” is not a currency code",
        "«{value}» no es un código de moneda",
    ),
    "fx.file.why.same_as_base": (
        "{value} is the reporting currency (it needs no rate)",
        "{value} es la moneda de presentación (no necesita tipo)",
    ),
    "fx.file.why.quarter": (
        "“{value}” is not a quarter (YYYY-Qn)",
        "«{value}» no es un trimestre (AAAA-Qn)",
    ),
    "fx.file.why.rate": (
        "“{value}” is not a positive number",
        "«{value}» no es un número positivo",
    ),
    "fx.file.why.duplicate": (
        "the same currency and quarter as row {value}",
        "la misma moneda y trimestre que la fila {value}",
    ),
    "fx.file.empty": (
        "{file}: no rates in the file.",
        "{file}: el archivo no tiene tipos de cambio.",
    ),
    "rej.currency_unknown": (
        "Currency not recognised: “{value}” (a three-letter code such as EUR or USD)",
        "Moneda no reconocida: «{value}» (un código de tres letras como EUR o USD)",
    ),
    "rej.currency_unknown.short": ("Currency not recognised", "Moneda no reconocida"),
}
