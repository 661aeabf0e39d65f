"""Presentation mode (issue 8, F-PR-1): the audience, one section per screen, what is not shown."""

STRINGS = {
    "pr.audience": ("Present to", "Presentar a"),
    "pr.audience.internal": ("Our team", "Nuestro equipo"),
    "pr.audience.client": ("The client", "El cliente"),
    "pr.audience.internal.help": (
        "Everything, our assessments included",
        "Todo, con nuestras valoraciones",
    ),
    "pr.audience.client.help": (
        "Facts only: no stances, influence, health or internal notes",
        "Solo hechos: sin posturas, influencia, salud ni notas internas",
    ),
    "pr.presenting.internal": ("Presenting to our team", "Presentación para nuestro equipo"),
    "pr.presenting.client": ("Presenting to the client", "Presentación para el cliente"),
    "pr.not_presented": (
        "This page changes data, so it is not shown in presentation mode. Exit presentation "
        "mode to use it.",
        "Esta página modifica datos, por eso no se muestra en el modo presentación. Salga del "
        "modo presentación para usarla.",
    ),
    "pr.not_for_client": (
        "Presenting to a client shows only that client's account: this page lists other "
        "customers and our own assessments of them.",
        "En una presentación para el cliente solo se muestra su cuenta: esta página incluye "
        "otros clientes y nuestras valoraciones internas.",
    ),
    "pr.to_account": ("Open the client's account", "Abrir la cuenta del cliente"),
    "pr.section.prev": ("Previous", "Anterior"),
    "pr.section.next": ("Next", "Siguiente"),
    "pr.section.position": ("**{label}** · {i} / {n}", "**{label}** · {i} / {n}"),
    "pr.link.client": (
        "The same view presented to the client (no internal assessments):",
        "La misma vista para presentar al cliente (sin valoraciones internas):",
    ),
    # team page sections
    "pr.team.workload": ("Workload", "Carga de trabajo"),
    "pr.team.unassigned": ("Unassigned key accounts", "Cuentas clave sin asignar"),
    "pr.team.risk": ("Relationship risk", "Riesgo de relación"),
    "pr.team.warnings": ("Early warnings per KAM", "Alertas tempranas por KAM"),
    "pr.team.people": ("People", "Personas"),
    # warnings page sections
    "pr.warn.overview": ("Overview", "Resumen"),
    "pr.warn.accounts": ("Key accounts with warnings", "Cuentas clave con alertas"),
    "pr.warn.account": (
        "Key account {first} of {n} with warnings",
        "Cuenta clave {first} de {n} con alertas",
    ),
    "pr.warn.account_range": (
        "Key accounts {first}–{last} of {n} with warnings",
        "Cuentas clave {first}–{last} de {n} con alertas",
    ),
    "pr.warn.expectations": ("Next quarter's expectations", "Previsión del próximo trimestre"),
    # portfolio tabs sections
    "pr.trend.chart": ("Revenue per quarter", "Facturación por trimestre"),
    "pr.trend.table": ("Quarter by quarter", "Trimestre a trimestre"),
    "pr.trend.movers": ("Growers and decliners", "Las que más crecen y más caen"),
    "pr.trend.won_lost": ("Accounts won and lost", "Cuentas ganadas y perdidas"),
    "pr.bridge.chart": ("Revenue bridge", "Puente de facturación"),
    "pr.bridge.table": ("Bridge by group", "Puente por grupo"),
    "pr.ws.chart": ("Products per key account", "Productos por cuenta clave"),
    "pr.ws.table": ("Cross-sell gaps", "Oportunidades de venta cruzada"),
    # the account page for a client
    "pr.map.contacts": ("Contact", "Contacto"),
    "pr.map.legend": (
        "Lines = reports to. Hover a person for details.",
        "Líneas = depende de. Pase el cursor por una persona para ver los detalles.",
    ),
    "pr.acc.open_actions": ("Open actions", "Acciones abiertas"),
    "pr.acc.no_open_actions": ("No open actions.", "No hay acciones abiertas."),
    "pr.acc.no_objectives": ("No objectives for {year}.", "No hay objetivos para {year}."),
}
