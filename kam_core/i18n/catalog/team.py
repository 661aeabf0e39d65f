"""KAM team page strings: people, workload, assignments, relationship risk."""

STRINGS = {
    "team.title": ("KAM team", "Equipo KAM"),
    "team.caption": (
        "Key accounts of {period}: who looks after them and how loaded everyone is.",
        "Cuentas clave de {period}: quién las atiende y cuánta carga tiene cada uno.",
    ),
    "team.kpi.people": ("People", "Personas"),
    "team.kpi.key_accounts": ("Key accounts", "Cuentas clave"),
    "team.kpi.unassigned": ("Key accounts without a KAM", "Cuentas clave sin KAM"),
    "team.kpi.overloaded": ("People overloaded", "Personas sobrecargadas"),
    "team.workload": ("Workload against capacity", "Carga de trabajo frente a capacidad"),
    "team.workload.help": (
        "Each account weighs by tier (A {a}, B {b}, C {c} points) times its effort factor; a "
        "team member carries {member} of it; each open action adds {open} and each overdue one "
        "{overdue}. Weights are in Settings.",
        "Cada cuenta pesa según su nivel (A {a}, B {b}, C {c} puntos) por su factor de esfuerzo; "
        "un miembro del equipo asume el {member}; cada acción pendiente suma {open} y cada acción "
        "vencida {overdue}. Los pesos se cambian en Ajustes.",
    ),
    "team.overload": (
        "{name} is overloaded: {load} points for a capacity of {capacity} ({pct}).",
        "{name} está sobrecargado/a: {load} puntos para una capacidad de {capacity} ({pct}).",
    ),
    "team.chart_title": (
        "Load per person (bar) and capacity (black mark)",
        "Carga por persona (barra) y capacidad (marca negra)",
    ),
    "team.load": ("Load", "Carga"),
    "team.capacity": ("Capacity", "Capacidad"),
    "team.points": ("Workload points", "Puntos de carga"),
    "team.no_people": (
        "No people yet: add your KAM team below.",
        "Aún no hay personas: añada su equipo KAM más abajo.",
    ),
    "team.col.name": ("Person", "Persona"),
    "team.col.role": ("Role", "Función"),
    "team.col.lead_accounts": ("Lead of", "Responsable de"),
    "team.col.member_accounts": ("Member of", "Miembro de"),
    "team.col.open_actions": ("Open actions", "Acciones pendientes"),
    "team.col.overdue_actions": ("Overdue", "Vencidas"),
    "team.col.load": ("Load", "Carga"),
    "team.col.capacity": ("Capacity", "Capacidad"),
    "team.col.utilisation": ("Use of capacity", "Uso de la capacidad"),
    "team.col.account": ("Account", "Cuenta"),
    "team.col.tier": ("Tier", "Nivel"),
    "team.col.revenue": ("Revenue", "Facturación"),
    "team.col.lead": ("Lead KAM", "KAM responsable"),
    "team.col.accounts": ("Key accounts", "Cuentas clave"),
    "team.col.at_risk": ("At risk", "En riesgo"),
    "team.col.revenue_at_risk": ("Revenue at risk", "Facturación en riesgo"),
    "team.col.risk_share": ("Share at risk", "Parte en riesgo"),
    "team.col.no_decision_maker": ("No decision maker mapped", "Sin decisor identificado"),
    "team.col.single_threaded": ("Single-threaded", "Un solo hilo"),
    "team.col.stale": ("Map out of date", "Mapa desactualizado"),
    "team.yes": ("Yes", "Sí"),
    "team.role.kam": ("Key account manager", "Gestor de cuentas clave (KAM)"),
    "team.role.sales": ("Sales", "Ventas"),
    "team.role.technical": ("Technical specialist", "Especialista técnico"),
    "team.role.service": ("Customer service", "Atención al cliente"),
    "team.role.executive": ("Sales executive", "Dirección comercial"),
    "team.unassigned": ("Key accounts without a lead KAM", "Cuentas clave sin KAM responsable"),
    "team.all_assigned": (
        "Every key account has a lead KAM.",
        "Todas las cuentas clave tienen KAM responsable.",
    ),
    "team.suggestions": ("Suggested reassignments", "Reasignaciones sugeridas"),
    "team.no_suggestions": ("Nothing to rebalance.", "No hay nada que reequilibrar."),
    "team.sugg.assign": (
        "Give **{account}** to {to} ({points} points).",
        "Asignar **{account}** a {to} ({points} puntos).",
    ),
    "team.sugg.move": (
        "Move **{account}** from {frm} to {to} ({points} points).",
        "Pasar **{account}** de {frm} a {to} ({points} puntos).",
    ),
    "team.risk": ("Relationship risk per KAM", "Riesgo de relación por KAM"),
    "team.risk.help": (
        "Key accounts with no mapped decision maker, a single strong relationship or an "
        "out-of-date map, weighted by their revenue.",
        "Cuentas clave sin decisor identificado, con una sola relación sólida o con el mapa "
        "desactualizado, ponderadas por su facturación.",
    ),
    "team.risk_title": (
        "Key-account revenue at relationship risk",
        "Facturación de cuentas clave con riesgo de relación",
    ),
    "team.rev_at_risk": ("At risk", "En riesgo"),
    "team.rev_safe": ("Covered", "Cubierta"),
    "team.revenue": ("Revenue ({currency})", "Facturación ({currency})"),
    "team.no_lead": ("(no lead KAM)", "(sin KAM responsable)"),
    "team.no_key_accounts": (
        "No key accounts in this period.",
        "No hay cuentas clave en este periodo.",
    ),
    "team.risk.accounts": ("Accounts at risk ({n})", "Cuentas en riesgo ({n})"),
    "team.assign": ("Account team", "Equipo de la cuenta"),
    "team.assign.help": (
        "One lead KAM per account; members share the work.",
        "Un KAM responsable por cuenta; los miembros comparten el trabajo.",
    ),
    "team.assign.save": ("Save account team", "Guardar equipo de la cuenta"),
    "team.f.account": ("Key account", "Cuenta clave"),
    "team.f.lead": ("Lead KAM", "KAM responsable"),
    "team.f.members": ("Team members", "Miembros del equipo"),
    "team.f.effort": ("Effort factor", "Factor de esfuerzo"),
    "team.f.effort.help": (
        "1 = a normal account of its tier; 1.5 = half as much work again.",
        "1 = una cuenta normal de su nivel; 1,5 = la mitad más de trabajo.",
    ),
    "team.f.name": ("Name", "Nombre"),
    "team.f.role": ("Role", "Función"),
    "team.f.capacity": ("Capacity (points)", "Capacidad (puntos)"),
    "team.f.capacity.help": (
        "How many workload points this person can carry (a tier A account is 3 by default).",
        "Cuántos puntos de carga puede asumir esta persona (una cuenta A son 3 por defecto).",
    ),
    "team.people": ("People", "Personas"),
    "team.person.which": ("Person", "Persona"),
    "team.person.new": ("New person…", "Persona nueva…"),
    "team.person.save": ("Save person", "Guardar persona"),
    "err.team.duplicate": (
        "There is already a person called {name}.",
        "Ya existe una persona llamada {name}.",
    ),
    "set.load_tier_a": ("Workload: tier A account", "Carga: cuenta de nivel A"),
    "set.load_tier_a.help": (
        "Workload points of a tier A account (effort 1).",
        "Puntos de carga de una cuenta de nivel A (esfuerzo 1).",
    ),
    "set.load_tier_b": ("Workload: tier B account", "Carga: cuenta de nivel B"),
    "set.load_tier_b.help": (
        "Workload points of a tier B account (effort 1).",
        "Puntos de carga de una cuenta de nivel B (esfuerzo 1).",
    ),
    "set.load_tier_c": ("Workload: tier C account", "Carga: cuenta de nivel C"),
    "set.load_tier_c.help": (
        "Workload points of a tier C account (effort 1).",
        "Puntos de carga de una cuenta de nivel C (esfuerzo 1).",
    ),
    "set.load_member_share": ("Workload: team member share", "Carga: parte de un miembro"),
    "set.load_member_share.help": (
        "Share of an account's load carried by a team member (the lead carries all of it).",
        "Parte de la carga de una cuenta que asume un miembro del equipo (el responsable, toda).",
    ),
    "set.load_open_action": ("Workload: open action", "Carga: acción pendiente"),
    "set.load_open_action.help": (
        "Points added per open action owned.",
        "Puntos que suma cada acción pendiente a su responsable.",
    ),
    "set.load_overdue_action": ("Workload: overdue action", "Carga: acción vencida"),
    "set.load_overdue_action.help": (
        "Points added per overdue action owned.",
        "Puntos que suma cada acción vencida a su responsable.",
    ),
}
