"""What people take to a meeting (kam_core.reports.portfolio_deck / account_pack, ui.exports):
slide and section titles, captions, table headers, the download buttons and the copy-link control.

Figures and sentences shared with the screens keep the screens' keys (``pa.*``, ``tr.*``,
``plan.*``, ``health.*``, ``rel.warn.*``, ``rep.brief.*``), so a slide says what the page says.
"""

STRINGS = {
    # ---- portfolio deck
    "exp.deck.title": ("Portfolio review", "Revisión de la cartera"),
    "exp.prepared": ("Prepared on {date}", "Preparado el {date}"),
    "exp.filtered": ("Only {filters}", "Solo {filters}"),
    "exp.deck.brief": ("The period in brief", "El periodo en pocas palabras"),
    "exp.deck.kpis": ("Key figures", "Cifras clave"),
    "exp.kpi.growth": ("Growth vs {period}", "Crecimiento frente a {period}"),
    "exp.kpi.no_growth": ("Growth", "Crecimiento"),
    "exp.pareto.caption.one": (
        "1 account, {share} of the accounts, makes {pct} of revenue.",
        "Una cuenta, el {share} de las cuentas, suma el {pct} de la facturación.",
    ),
    "exp.pareto.caption.many": (
        "{k} accounts, {share} of the accounts, make {pct} of revenue.",
        "{k} cuentas, el {share} de las cuentas, suman el {pct} de la facturación.",
    ),
    "exp.lorenz.caption": (
        "HHI {hhi}: {band}. Revenue is as concentrated as if it were spread evenly over {eff} "
        "accounts.",
        "IHH {hhi}: {band}. La facturación está tan concentrada como si se repartiera por igual "
        "entre {eff} cuentas.",
    ),
    "exp.conc.title": ("Concentration figures", "Cifras de concentración"),
    "exp.col.figure": ("Figure", "Indicador"),
    "exp.col.value": ("Value", "Valor"),
    "exp.row.accounts": ("Accounts with revenue", "Cuentas con facturación"),
    "exp.row.revenue": ("Net revenue", "Facturación neta"),
    "exp.row.share_to80": (
        "Share of accounts making {pct}",
        "Peso de las cuentas que suman el {pct}",
    ),
    "exp.largest.title": ("Largest accounts", "Mayores cuentas"),
    "exp.tiers.title": ("Tiers: ABC by revenue", "Niveles: ABC por facturación"),
    "exp.tiers.caption": (
        "Tier A: the largest accounts up to {a} of revenue; B: up to {b}; C: the rest.",
        "Nivel A: las mayores cuentas hasta el {a} de la facturación; B: hasta el {b}; C: el "
        "resto.",
    ),
    "exp.col.tier": ("Tier", "Nivel"),
    "exp.col.accounts": ("Accounts", "Cuentas"),
    "exp.col.share_accounts": ("Share of accounts", "Peso en número de cuentas"),
    "exp.col.share_revenue": ("Share of revenue", "Peso en la facturación"),
    "exp.migration.matrix": (
        "Tier migration {before} → {after}: accounts",
        "Migración de nivel {before} → {after}: cuentas",
    ),
    "exp.migration.caption": (
        "Rows: tier in {before}; columns: tier in {after}. Each quarter is ranked on its own.",
        "Filas: nivel en {before}; columnas: nivel en {after}. Cada trimestre se clasifica por "
        "separado.",
    ),
    "exp.key.title": ("Key accounts and their plans", "Cuentas clave y sus planes"),
    "exp.why.tier_a": ("Tier A", "Nivel A"),
    "exp.why.marked": ("Marked: {reason}", "Marcada: {reason}"),
    "exp.key.caption": (
        "'Needs updating': not edited in the last {days} days, or never.",
        "«Pendiente de actualizar»: sin cambios en los últimos {days} días, o nunca.",
    ),
    "exp.bridge.caption": (
        "{start} → {end}. Net revenue retention {nrr}; gross {grr}. Accounts won / lost: "
        "+{won} / −{lost}.",
        "{start} → {end}. Retención neta de ingresos {nrr}; bruta {grr}. Cuentas ganadas / "
        "perdidas: +{won} / −{lost}.",
    ),
    "exp.load.title": ("KAM load", "Carga de los KAM"),
    "exp.load.over": (
        "Above capacity: {names}.",
        "Por encima de su capacidad: {names}.",
    ),
    "exp.load.none_over": ("Nobody is above capacity.", "Nadie supera su capacidad."),
    "exp.load.nobody": (
        "No people recorded in the KAM team.",
        "No hay personas registradas en el equipo de KAM.",
    ),
    "exp.warnings.title": ("Early warnings", "Alertas tempranas"),
    "exp.warnings.none": (
        "No key account shows an early warning.",
        "Ninguna cuenta clave muestra alertas tempranas.",
    ),
    "exp.warnings.caption": (
        "Judged on {quarter}, the last complete quarter: {n} key accounts flagged, {money} of "
        "revenue at stake (a year of each account's largest warning).",
        "Evaluado sobre {quarter}, el último trimestre completo: {n} cuentas clave con alertas, "
        "{money} de facturación en juego (un año de la mayor alerta de cada cuenta).",
    ),
    "exp.col.kinds": ("Warnings", "Alertas"),
    "exp.col.at_stake": ("Revenue at stake", "Facturación en juego"),
    # ---- account review pack
    "exp.pack.title": ("{name}: account review", "{name}: revisión de la cuenta"),
    "exp.pack.kpis": ("Key figures", "Cifras clave"),
    "exp.pack.health_kpi": ("Health", "Salud"),
    "exp.pack.health_value": ("{score} / 100", "{score} / 100"),
    "exp.pack.warnings.unjudged": (
        "No complete quarter to judge yet.",
        "Aún no hay ningún trimestre completo que evaluar.",
    ),
    "exp.pack.revenue": ("Revenue by quarter", "Facturación por trimestre"),
    "exp.pack.revenue.caption": (
        "Every quarter with data; shaded, the period of this review ({period}).",
        "Todos los trimestres con datos; sombreado, el periodo de esta revisión ({period}).",
    ),
    "exp.pack.products": ("Product lines bought", "Líneas de producto compradas"),
    "exp.pack.products.none": (
        "No product lines recorded in this period.",
        "No hay líneas de producto registradas en este periodo.",
    ),
    "exp.pack.map": ("Relationship map", "Mapa de relaciones"),
    "exp.pack.map.none": (
        "No contacts recorded: the relationship map is empty.",
        "No hay contactos registrados: el mapa de relaciones está vacío.",
    ),
    "exp.pack.map.legend": (
        "Colour = stance toward us · size = influence · solid lines = reports to · dashed arrows = "
        "informal influence · dotted lines = who of ours knows them (thicker = stronger) · dark "
        "red outline = needs attention.",
        "Color = actitud hacia nosotros · tamaño = influencia · líneas continuas = dependencia "
        "jerárquica · flechas discontinuas = influencia informal · líneas punteadas = quién de los "
        "nuestros le conoce (más gruesa = relación más fuerte) · borde rojo oscuro = requiere "
        "atención.",
    ),
    "exp.pack.warnings": ("Coverage warnings", "Alertas de cobertura"),
    "exp.pack.warnings.none": (
        "No coverage warnings.",
        "Sin alertas de cobertura.",
    ),
    "exp.pack.plan": ("Account plan {year}: objectives", "Plan de cuenta {year}: objetivos"),
    "exp.pack.plan.none": (
        "No objectives recorded for {year}.",
        "No hay objetivos registrados para {year}.",
    ),
    "exp.pack.competitors": ("Competitors in the account", "Competidores en la cuenta"),
    "exp.pack.competitors.none": (
        "No competitors recorded.",
        "No hay competidores registrados.",
    ),
    "exp.pack.opportunities": ("Opportunities", "Oportunidades"),
    "exp.pack.opportunities.none": (
        "No opportunities recorded.",
        "No hay oportunidades registradas.",
    ),
    "exp.pack.actions": ("Open and overdue actions", "Acciones pendientes y vencidas"),
    "exp.pack.actions.none": (
        "No open actions.",
        "No hay acciones pendientes.",
    ),
    "exp.pack.actions.overdue.one": ("1 action is overdue.", "Una acción está vencida."),
    "exp.pack.actions.overdue.many": (
        "{n} actions are overdue.",
        "{n} acciones están vencidas.",
    ),
    "exp.col.overdue": ("Overdue", "Vencida"),
    "exp.yes": ("Yes", "Sí"),
    "exp.pack.health": ("Account health", "Salud de la cuenta"),
    "exp.health.rel.none": ("No coverage warnings", "Sin alertas de cobertura"),
    "exp.health.rel.high.one": ("1 serious coverage warning", "Una alerta de cobertura grave"),
    "exp.health.rel.high.many": (
        "{n} serious coverage warnings",
        "{n} alertas de cobertura graves",
    ),
    "exp.health.rel.minor.one": ("1 minor coverage warning", "Una alerta de cobertura leve"),
    "exp.health.rel.minor.many": ("{n} minor coverage warnings", "{n} alertas de cobertura leves"),
    "exp.health.rel.and_minor.one": ("1 minor one", "una leve"),
    "exp.health.rel.and_minor.many": ("{n} minor ones", "{n} leves"),
    "exp.health.rel.both": ("{high} and {medium}", "{high} y {medium}"),
    "exp.health.problems.none": ("No open problems", "Ninguna incidencia abierta"),
    "exp.health.problems.one": ("1 open problem", "Una incidencia abierta"),
    "exp.health.problems.many": ("{n} open problems", "{n} incidencias abiertas"),
    # ---- the app: buttons, the brief, the link
    "exp.btn.deck": ("Portfolio deck (PPTX)", "Presentación de la cartera (PPTX)"),
    "exp.btn.pack_pptx": ("Review pack (PPTX)", "Dossier de revisión (PPTX)"),
    "exp.btn.pack_pdf": ("Review pack (PDF)", "Dossier de revisión (PDF)"),
    "exp.btn.help": (
        "Built when you click, from the period, filters and language on screen; it takes a few "
        "seconds.",
        "Se genera al pulsar, con el periodo, los filtros y el idioma de la pantalla; tarda unos "
        "segundos.",
    ),
    "exp.file.deck": ("portfolio-deck", "presentacion-cartera"),
    "exp.file.pack": ("review-pack", "dossier-revision"),
    "exp.tab.brief": ("Brief", "Resumen"),
    "exp.brief.caption": (
        "Generated from the figures on this page, for the first slide of a meeting.",
        "Generado a partir de las cifras de esta página, para la primera diapositiva de una "
        "reunión.",
    ),
    "exp.brief.copy": ("Copy the text", "Copiar el texto"),
    "exp.link": ("Copy link", "Copiar enlace"),
    "exp.link.this": (
        "This view (page, account, period and language):",
        "Esta vista (página, cuenta, periodo e idioma):",
    ),
    "exp.link.present": (
        "The same view presented to our team (everything):",
        "La misma vista para presentar a nuestro equipo (todo):",
    ),
    # ---- command line
    "exp.cli.no_data": (
        "The database has no revenue yet: load files first (python -m kam_core ingest FILE).",
        "La base de datos aún no tiene facturación: cargue antes los ficheros "
        "(python -m kam_core ingest FICHERO).",
    ),
}
