"""Early warnings (F-PA-8): the warnings view, the account and team pages' pieces, the command
line, the settings of group ``warnings`` and the rules' sentences (``warn.<kind>``)."""

STRINGS = {
    "warn.rel_not_recorded": (
        "Only revenue is judged for now: relationship warnings (no decision maker, a stale plan, "
        "no recent activity) start once your team records contacts, plans or activities.",
        "De momento solo se juzga la facturación: las alertas de relación (sin decisor, plan "
        "desactualizado, sin actividad reciente) empiezan cuando el equipo registre contactos, "
        "planes o actividades.",
    ),
    "nav.warnings": ("Early warnings", "Alertas tempranas"),
    # ------------------------------------------------------------ settings
    "sp.group.warnings": ("Early warnings", "Alertas tempranas"),
    "set.fall_quarters": ("Quarters falling in a row", "Trimestres seguidos de caída"),
    "set.fall_quarters.help": (
        "A key account whose revenue fell in each of this many quarters in a row raises a warning.",
        "Una cuenta clave cuya facturación ha caído en cada uno de estos trimestres seguidos genera una alerta.",
    ),
    "set.fall_min_share": ("Smallest fall", "Caída mínima"),
    "set.fall_min_share.help": (
        "The fall must take away at least this share of the revenue of the quarter before it began.",
        "La caída debe restar al menos esta parte de la facturación del trimestre anterior a su inicio.",
    ),
    "set.expectation_level": ("Expected range", "Rango esperado"),
    "set.expectation_level.help": (
        "How sure the next-quarter range is: an 80% range holds the actual revenue about four quarters in five. A quarter below its range raises a warning.",
        "Qué seguridad tiene el rango del trimestre siguiente: un rango del 80 % contiene la facturación real unos cuatro trimestres de cada cinco. Un trimestre por debajo de su rango genera una alerta.",
    ),
    "set.frequency_drop": ("Order drop", "Caída de pedidos"),
    "set.frequency_drop.help": (
        "Orders (distinct invoice numbers) of the last quarter below the account's average of the quarters before by more than this share. Only for files with invoice or order numbers.",
        "Pedidos (números de factura distintos) del último trimestre por debajo de la media de los trimestres anteriores en más de esta parte. Solo con archivos que traen número de factura o pedido.",
    ),
    "set.frequency_window": ("Quarters in the order average", "Trimestres en la media de pedidos"),
    "set.frequency_window.help": (
        "How many quarters before the last one make the account's usual number of orders.",
        "Cuántos trimestres anteriores al último forman el número habitual de pedidos de la cuenta.",
    ),
    "set.frequency_min_orders": ("Fewest orders per quarter", "Mínimo de pedidos por trimestre"),
    "set.frequency_min_orders.help": (
        "Accounts that usually order less often than this per quarter are not judged on orders: an empty quarter is their normal rhythm.",
        "Las cuentas que suelen pedir menos veces por trimestre no se juzgan por pedidos: un trimestre sin pedidos es su ritmo normal.",
    ),
    "set.product_lookback_quarters": (
        "Quarters for product lines",
        "Trimestres para líneas de producto",
    ),
    "set.product_lookback_quarters.help": (
        "A product line bought in these quarters before the last one and not in the last one is lost.",
        "Una línea de producto comprada en estos trimestres anteriores al último y no en el último se da por perdida.",
    ),
    "set.product_min_quarters": (
        "Quarters bought to be a habit",
        "Trimestres de compra para ser hábito",
    ),
    "set.product_min_quarters.help": (
        "A line counts as lost only if it was bought in at least this many of those quarters (a line bought once a year is not lost every other quarter).",
        "Una línea solo cuenta como perdida si se compró al menos en este número de esos trimestres (una línea que se compra una vez al año no se pierde cada dos trimestres).",
    ),
    "set.no_activity_days": ("No activity after (days)", "Sin actividad tras (días)"),
    "set.no_activity_days.help": (
        "A key account with nothing logged (meetings, calls, requests, problems) for longer than this raises a warning.",
        "Una cuenta clave sin nada registrado (reuniones, llamadas, peticiones, incidencias) durante más de estos días genera una alerta.",
    ),
    "set.worsen_margin": ("Worse by", "Empeora en"),
    "set.worsen_margin.help": (
        "An acknowledged warning comes back when its revenue at stake grows by more than this share (or the fall lasts longer, or another line or champion is lost).",
        "Una alerta reconocida vuelve cuando su facturación en juego crece más de esta parte (o la caída dura más, o se pierde otra línea u otro promotor).",
    ),
    "err.set_product_quarters": (
        "The quarters a line must be bought in cannot exceed the quarters looked at.",
        "Los trimestres de compra de una línea no pueden superar los trimestres que se miran.",
    ),
    # ------------------------------------------------------------ kinds and sentences
    "warn.and": (" and ", " y "),
    "warn.kind.revenue_fell": ("Revenue falling", "Facturación en caída"),
    "warn.kind.below_expected_range": ("Below its expected range", "Por debajo de lo esperado"),
    "warn.kind.order_frequency_drop": ("Fewer orders", "Menos pedidos"),
    "warn.kind.lost_product_lines": ("Product lines lost", "Líneas de producto perdidas"),
    "warn.kind.no_decision_maker": ("No decision maker covered", "Ningún decisor cubierto"),
    "warn.kind.champion_gone": ("Champion gone", "Promotor perdido"),
    "warn.kind.champion_not_seen": ("Champion not seen", "Promotor sin contacto"),
    "warn.kind.plan_stale": ("Plan out of date", "Plan desactualizado"),
    "warn.kind.no_recent_activity": ("No recent activity", "Sin actividad reciente"),
    "warn.revenue_fell": (
        "Revenue fell {quarters} quarters in a row: from {from_revenue} in {from_quarter} to {to_revenue} in {to_quarter} ({fall_share} less).",
        "La facturación ha caído {quarters} trimestres seguidos: de {from_revenue} en {from_quarter} a {to_revenue} en {to_quarter} ({fall_share} menos).",
    ),
    "warn.revenue_fell.one": (
        "Revenue fell in {to_quarter}: from {from_revenue} in {from_quarter} to {to_revenue} ({fall_share} less).",
        "La facturación ha caído en {to_quarter}: de {from_revenue} en {from_quarter} a {to_revenue} ({fall_share} menos).",
    ),
    "warn.order_frequency_drop.one": (
        "{quarter}: 1 order against an average of {trailing_average} in the {window} quarters before ({drop_share} fewer).",
        "{quarter}: 1 pedido frente a una media de {trailing_average} en los {window} trimestres anteriores ({drop_share} menos).",
    ),
    "warn.below_expected_range": (
        "{quarter}: {actual}, below the range its own history expected ({low} to {high}, {level} range; most likely {mean}).",
        "{quarter}: {actual}, por debajo del rango que esperaba su propio historial ({low} a {high}, rango del {level}; lo más probable {mean}).",
    ),
    "warn.order_frequency_drop": (
        "{quarter}: {orders} orders against an average of {trailing_average} in the {window} quarters before ({drop_share} fewer).",
        "{quarter}: {orders} pedidos frente a una media de {trailing_average} en los {window} trimestres anteriores ({drop_share} menos).",
    ),
    "warn.lost_product_lines": (
        "Stopped buying {lines} in {quarter}, bought regularly from {from_quarter} to {to_quarter} ({window_revenue} in those quarters).",
        "Ha dejado de comprar {lines} en {quarter}, que compraba con regularidad de {from_quarter} a {to_quarter} ({window_revenue} en esos trimestres).",
    ),
    "warn.no_decision_maker": (
        "No decision maker or economic buyer that one of our people knows at a regular level or better ({decision_makers} on the map).",
        "Ningún decisor ni comprador económico con el que alguno de los nuestros tenga una relación habitual o mejor ({decision_makers} en el mapa).",
    ),
    "warn.champion_gone": (
        "Every champion has left the account: {names}.",
        "Todos los promotores han dejado la cuenta: {names}.",
    ),
    "warn.champion_not_seen": (
        "No champion contacted for {days} days.",
        "Ningún promotor contactado desde hace {days} días.",
    ),
    "warn.champion_never_seen": (
        "No contact with any champion has been recorded.",
        "No consta ningún contacto con ningún promotor.",
    ),
    "warn.plan_stale": (
        "The account plan was last updated {days} days ago (limit {limit}).",
        "El plan de cuenta se actualizó por última vez hace {days} días (límite {limit}).",
    ),
    "warn.plan_missing": (
        "The account has no plan yet.",
        "La cuenta aún no tiene plan.",
    ),
    "warn.no_recent_activity": (
        "Nothing logged for {days} days (limit {limit}).",
        "Nada registrado desde hace {days} días (límite {limit}).",
    ),
    "warn.no_activity_ever": (
        "No meeting, call, request or problem has ever been logged.",
        "Nunca se ha registrado una reunión, llamada, petición o incidencia.",
    ),
    # ------------------------------------------------------------ acknowledgement
    "warn.ack.note": ("Note", "Nota"),
    "warn.ack.note.help": (
        "Why it is under control, for whoever reads it next. The warning stays quiet until it gets worse.",
        "Por qué está bajo control, para quien lo lea después. La alerta queda en silencio hasta que empeore.",
    ),
    "warn.ack.button": ("Acknowledge", "Dar por vista"),
    "warn.ack.open": ("Acknowledge with a note", "Dar por vista con una nota"),
    "warn.ack.done": (
        "Acknowledged: it stays quiet until it gets worse.",
        "Alerta dada por vista: queda en silencio hasta que empeore.",
    ),
    "warn.ack.by": (
        "Acknowledged by {who} on {when}: {note}",
        "Dada por vista por {who} el {when}: {note}",
    ),
    "err.warn.nothing_to_ack": (
        "This account has no warning to acknowledge (it may have cleared). Reload the page.",
        "Esta cuenta no tiene alertas que dar por vistas (quizá ya no las tenga). Recargue la página.",
    ),
    # ------------------------------------------------------------ warnings view
    "warn.title": ("Early warnings", "Alertas tempranas"),
    "warn.caption": (
        "Key accounts of {period}, judged on {quarter} (the last complete quarter); relationship signs as of {today}.",
        "Cuentas clave de {period}, juzgadas sobre {quarter} (el último trimestre completo); señales de relación a {today}.",
    ),
    "warn.no_quarter": (
        "No quarter of the selection is complete yet: warnings judge finished quarters only.",
        "Ningún trimestre de la selección está completo todavía: las alertas solo juzgan trimestres terminados.",
    ),
    "warn.kpi.flagged": ("Key accounts with warnings", "Cuentas clave con alertas"),
    "warn.kpi.flagged.value": ("{n} of {total}", "{n} de {total}"),
    "warn.kpi.stake": ("Revenue at stake", "Facturación en juego"),
    "warn.kpi.stake.help": (
        "For each account, a year of the revenue its worst warning puts at risk if nothing changes (warnings of one account overlap, so they are not added up); summed over the accounts.",
        "Para cada cuenta, un año de la facturación que pone en riesgo su peor alerta si nada cambia (las alertas de una cuenta se solapan, así que no se suman); sumado para todas las cuentas.",
    ),
    "warn.kpi.total": ("Portfolio, {quarter} expected", "Cartera, previsión {quarter}"),
    "warn.kpi.total.help": (
        "Expected revenue of the whole portfolio next quarter, from its own quarterly history; {level} range {low} to {high}.",
        "Facturación esperada de toda la cartera el próximo trimestre, según su propio historial trimestral; rango del {level} de {low} a {high}.",
    ),
    "warn.kpi.total.delta": ("{pct} vs {quarter}", "{pct} frente a {quarter}"),
    "warn.kpi.quiet": ("Acknowledged, quiet", "Vistas, en silencio"),
    "warn.kpi.quiet.help": (
        "Key accounts whose warnings were acknowledged and have not got worse since.",
        "Cuentas clave cuyas alertas se dieron por vistas y no han empeorado desde entonces.",
    ),
    "warn.ranked": ("Ranked by revenue at stake", "Ordenadas por facturación en juego"),
    "warn.none": (
        "No key account shows a warning for {quarter}.",
        "Ninguna cuenta clave muestra alertas para {quarter}.",
    ),
    "warn.stake": ("{money} at stake", "{money} en juego"),
    "warn.account_meta": (
        "Lead KAM: {lead} · Tier {tier} · {revenue} in the period",
        "KAM responsable: {lead} · Nivel {tier} · {revenue} en el periodo",
    ),
    "warn.no_lead": ("nobody", "nadie"),
    "warn.expect": (
        "{quarter} expected: {mean} ({level} range {low} to {high}).",
        "Previsión {quarter}: {mean} (rango del {level} de {low} a {high}).",
    ),
    "warn.expect.short": (
        "{quarter}: not enough history to forecast ({n} quarters; 4 needed).",
        "{quarter}: no hay historial suficiente para prever ({n} trimestres; hacen falta 4).",
    ),
    "warn.quiet.title": (
        "Acknowledged, quiet until worse",
        "Vistas, en silencio hasta que empeoren",
    ),
    "warn.expect.title": (
        "Next quarter for every key account",
        "Próximo trimestre de cada cuenta clave",
    ),
    "warn.expect.caption": (
        "Expected revenue in {quarter} from each account's own quarterly history (exponential smoothing, seasonal from two years of history), with its {level} range.",
        "Facturación esperada en {quarter} según el propio historial trimestral de cada cuenta (suavizado exponencial, estacional a partir de dos años de historial), con su rango del {level}.",
    ),
    "warn.col.account": ("Account", "Cuenta"),
    "warn.col.lead": ("Lead KAM", "KAM responsable"),
    "warn.col.last": ("Last quarter", "Último trimestre"),
    "warn.col.expected": ("Expected", "Previsión"),
    "warn.col.low": ("Range from", "Rango desde"),
    "warn.col.high": ("Range to", "Rango hasta"),
    "warn.col.warnings": ("Warnings", "Alertas"),
    "warn.col.stake": ("At stake", "En juego"),
    "warn.col.key_accounts": ("Key accounts", "Cuentas clave"),
    "warn.col.flagged": ("With warnings", "Con alertas"),
    "warn.short_history": ("history too short", "historial insuficiente"),
    "warn.portfolio_link": (
        "{n} of {total} key accounts show early warnings in {quarter}, {money} at stake",
        "{n} de {total} cuentas clave muestran alertas tempranas en {quarter}, {money} en juego",
    ),
    "warn.portfolio_none": (
        "No key account shows an early warning in {quarter}",
        "Ninguna cuenta clave muestra alertas tempranas en {quarter}",
    ),
    # ------------------------------------------------------------ account and team pages
    "warn.account.title": ("Early warnings", "Alertas tempranas"),
    "warn.account.none": (
        "No early warning for {quarter}.",
        "Sin alertas tempranas para {quarter}.",
    ),
    "warn.account.band": (
        "Expected next quarter ({level} range)",
        "Previsión del próximo trimestre (rango del {level})",
    ),
    "warn.team.title": ("Early warnings per KAM", "Alertas tempranas por KAM"),
    "warn.team.caption": (
        "Key accounts with early warnings in {quarter}, and the revenue they put at stake, per lead KAM.",
        "Cuentas clave con alertas tempranas en {quarter}, y la facturación que ponen en juego, por KAM responsable.",
    ),
    # ------------------------------------------------------------ command line
    "warn.cli.header": (
        "Early warnings of {n} of {total} key accounts, judged on {quarter} ({money} at stake):",
        "Alertas tempranas de {n} de {total} cuentas clave, juzgadas sobre {quarter} ({money} en juego):",
    ),
    "warn.cli.none": (
        "No early warning among {total} key accounts, judged on {quarter}.",
        "Ninguna alerta temprana entre {total} cuentas clave, juzgadas sobre {quarter}.",
    ),
    "warn.cli.no_quarter": (
        "No complete quarter in the selection yet: nothing to judge.",
        "Todavía no hay ningún trimestre completo en la selección: nada que juzgar.",
    ),
    "warn.cli.total": (
        "Portfolio total expected in {quarter}: {mean} ({level} range {low} to {high}).",
        "Total de la cartera previsto en {quarter}: {mean} (rango del {level} de {low} a {high}).",
    ),
    "warn.cli.quiet": (
        "{n} more with acknowledged warnings only (quiet until worse).",
        "{n} más con solo alertas dadas por vistas (en silencio hasta que empeoren).",
    ),
}
