"""Command-line messages."""

STRINGS = {
    "cli.bad_map": (
        "--map {item}: expected FIELD=COLUMN, e.g. account=Cliente or amount=Quantity*UnitPrice",
        "--map {item}: se esperaba CAMPO=COLUMNA, p. ej. account=Cliente o "
        "amount=Quantity*UnitPrice",
    ),
    "cli.bad_quarter": (
        "{value} is not a quarter; write it as YYYY-Qn, e.g. 2024-Q3",
        "{value} no es un trimestre; escríbalo como AAAA-Qn, p. ej. 2024-Q3",
    ),
    "cli.bad_dates": (
        "--dates {value}: expected dmy (day first), mdy (month first) or auto",
        "--dates {value}: se esperaba dmy (día primero), mdy (mes primero) o auto",
    ),
    "cli.dates_ambiguous": (
        "{file}: every day in the date column is 12 or less, so dates were read {order}; "
        "if that is wrong, load it again with --dates {other}",
        "{file}: todos los días de la columna de fecha son 12 o menos, así que las fechas se han "
        "leído {order}; si no es correcto, vuelva a cargarlo con --dates {other}",
    ),
    "cli.dates.dmy": ("day first (dd/mm)", "con el día primero (dd/mm)"),
    "cli.dates.mdy": ("month first (mm/dd)", "con el mes primero (mm/dd)"),
    "cli.report.summary": (
        "{accounts} accounts with revenue, total {total}; {k} accounts ({share}) make 80%; "
        "Gini {gini}, HHI {hhi}",
        "{accounts} cuentas con facturación, total {total}; {k} cuentas ({share}) suman el 80 %; "
        "Gini {gini}, IHH {hhi}",
    ),
    "cli.demo.built": (
        "Demo database built at {path}",
        "Base de datos de demostración creada en {path}",
    ),
    "cli.demo.removed": (
        "Demo removed from {path}: {accounts} accounts and {lines} lines; your own data is untouched.",
        "Demostración eliminada de {path}: {accounts} cuentas y {lines} líneas; sus datos no cambian.",
    ),
    "cli.demo.none": ("{path} holds no demo data.", "{path} no contiene datos de demostración."),
    "cli.demo.exists": (
        "{path} already has data; use --force to rebuild the demo",
        "{path} ya tiene datos; use --force para regenerar la demostración",
    ),
    "cli.reversed_range": (
        "The period is reversed: --from {q_from} is after --to {q_to}. Swap them.",
        "El periodo está al revés: --from {q_from} es posterior a --to {q_to}. Inviértalos.",
    ),
    "cli.empty_range": (
        "No revenue between {q_from} and {q_to}: the data covers {first} to {last}.",
        "No hay facturación entre {q_from} y {q_to}: los datos cubren de {first} a {last}.",
    ),
}
