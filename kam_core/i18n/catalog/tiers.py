"""Tiers page: ABC table, key accounts, marks, score, matrix, migration, ABC-XYZ."""

STRINGS = {
    # errors
    "err.mark_kind": ("Unknown kind of mark: {kind}", "Tipo de marca desconocido: {kind}"),
    "err.mark_reason": ("Unknown reason: {reason}", "Motivo desconocido: {reason}"),
    "err.mark_note_required": (
        "Please write why: a note is required for 'Other' and for every exclusion.",
        "Indique el motivo: la nota es obligatoria para 'Otro' y para toda exclusión.",
    ),
    "err.mark_note_long": (
        "The note is too long (at most {max} characters).",
        "La nota es demasiado larga (máximo {max} caracteres).",
    ),
    "err.mark_account": (
        "There is no account {account} in the data.",
        "No existe la cuenta {account} en los datos.",
    ),
    "err.rating_range": (
        "Ratings for {account} must be between 1 and 5 (or empty).",
        "Las valoraciones de {account} deben estar entre 1 y 5 (o vacías).",
    ),
    # settings declared in kam_core/tiers.py
    "set.score_w_revenue": ("Score weight: revenue", "Peso en la puntuación: facturación"),
    "set.score_w_revenue.help": (
        "Weight of the account's revenue (percentile in the portfolio).",
        "Peso de la facturación de la cuenta (percentil en la cartera).",
    ),
    "set.score_w_growth": ("Score weight: growth", "Peso en la puntuación: crecimiento"),
    "set.score_w_growth.help": (
        "Weight of growth versus the previous period of the same length (percentile).",
        "Peso del crecimiento frente al periodo anterior de igual duración (percentil).",
    ),
    "set.score_w_margin": ("Score weight: margin", "Peso en la puntuación: margen"),
    "set.score_w_margin.help": (
        "Weight of the margin rate (percentile); ignored when the files carry no margin.",
        "Peso del porcentaje de margen (percentil); se ignora si los archivos no traen margen.",
    ),
    "set.score_w_strategic": (
        "Score weight: strategic mark",
        "Peso en la puntuación: marca estratégica",
    ),
    "set.score_w_strategic.help": (
        "Weight of being marked a strategic key account.",
        "Peso de estar marcada como cuenta clave estratégica.",
    ),
    "set.score_w_attractiveness": (
        "Score weight: attractiveness",
        "Peso en la puntuación: atractivo",
    ),
    "set.score_w_attractiveness.help": (
        "Weight of the attractiveness you rate (1-5); unrated accounts get the median.",
        "Peso del atractivo que usted valora (1-5); las cuentas sin valorar reciben la mediana.",
    ),
    "set.tier_stability_quarters": (
        "Tier stability (quarters)",
        "Estabilidad de nivel (trimestres)",
    ),
    "set.tier_stability_quarters.help": (
        "An account changes tier only after this many consecutive quarters beyond the cut "
        "(0 = off), so accounts near a cut do not flip every quarter.",
        "Una cuenta cambia de nivel solo tras este número de trimestres seguidos al otro lado "
        "del corte (0 = desactivado), para que las cuentas cerca de un corte no cambien cada "
        "trimestre.",
    ),
    "set.xyz_x_max": ("XYZ: steady (X) up to a CV of", "XYZ: estable (X) hasta un CV de"),
    "set.xyz_x_max.help": (
        "Coefficient of variation of quarterly revenue up to which an account is X (steady).",
        "Coeficiente de variación de la facturación trimestral hasta el que una cuenta es X "
        "(estable).",
    ),
    "set.xyz_y_max": ("XYZ: variable (Y) up to a CV of", "XYZ: variable (Y) hasta un CV de"),
    "set.xyz_y_max.help": (
        "Up to this CV an account is Y (variable); above it, Z (erratic).",
        "Hasta este CV una cuenta es Y (variable); por encima, Z (errática).",
    ),
    # page
    "tr.title": ("Tiers and key accounts", "Niveles y cuentas clave"),
    "tr.subtitle": (
        "Period: {period} · tier A up to {a} of revenue, B up to {b}, C the rest. Key account = "
        "tier A or marked strategic, unless excluded.",
        "Periodo: {period} · nivel A hasta el {a} de la facturación, B hasta el {b}, C el resto. "
        "Cuenta clave = nivel A o marcada como estratégica, salvo exclusión.",
    ),
    "tr.tab.abc": ("ABC tiers", "Niveles ABC"),
    "tr.tab.key": ("Key accounts", "Cuentas clave"),
    "tr.tab.score": ("Multi-criteria score", "Puntuación multicriterio"),
    "tr.tab.matrix": ("Portfolio matrix", "Matriz de cartera"),
    "tr.tab.migration": ("Tier migration", "Migración entre niveles"),
    "tr.tab.xyz": ("ABC-XYZ", "ABC-XYZ"),
    "tr.kpi.key": ("Key accounts", "Cuentas clave"),
    "tr.kpi.tier_a": ("Tier A", "Nivel A"),
    "tr.kpi.marked": ("Marked strategic", "Marcadas estratégicas"),
    "tr.kpi.excluded": ("Excluded", "Excluidas"),
    "tr.search": ("Search account", "Buscar cuenta"),
    "tr.search.ph": ("Name or code", "Nombre o código"),
    "tr.tier_filter": ("Tier", "Nivel"),
    "tr.sort": ("Sort by", "Ordenar por"),
    "tr.sort.rank": ("Revenue rank", "Posición por facturación"),
    "tr.sort.name": ("Name", "Nombre"),
    "tr.sort.tier": ("Tier", "Nivel"),
    "tr.sort.score": ("Score", "Puntuación"),
    "tr.rows": ("{n} of {total} accounts", "{n} de {total} cuentas"),
    "tr.rows_capped": (
        "Showing the first {n} of {total} accounts: search or filter by tier to narrow.",
        "Se muestran las {n} primeras de {total} cuentas: busque o filtre por nivel para acotar.",
    ),
    "tr.col.rank": ("Rank", "Posición"),
    "tr.col.attention": ("Needs updating", "Pendiente de actualizar"),
    "tr.col.plan_updated": ("Plan updated", "Plan actualizado"),
    "tr.col.map_updated": ("Map updated", "Mapa actualizado"),
    "tr.stale.plan": ("Plan", "Plan"),
    "tr.stale.map": ("Relationship map", "Mapa de relaciones"),
    "tr.stale.caption": (
        "{n} key accounts have an account plan or relationship map not updated in the last "
        "{days} days (or never): see 'Needs updating'.",
        "{n} cuentas clave tienen el plan de cuenta o el mapa de relaciones sin actualizar en los "
        "últimos {days} días (o nunca): vea 'Pendiente de actualizar'.",
    ),
    "tr.col.share": ("Share", "Participación"),
    "tr.col.cum_share": ("Cumulative share", "Participación acumulada"),
    "tr.col.tier": ("Tier", "Nivel"),
    "tr.col.key": ("Key account", "Cuenta clave"),
    "tr.col.score": ("Score", "Puntuación"),
    "tr.col.score_tier": ("Tier by score", "Nivel por puntuación"),
    "tr.col.score_rank": ("Score rank", "Posición por puntuación"),
    "tr.col.why": ("Why key", "Por qué es clave"),
    "tr.col.note": ("Note", "Nota"),
    "tr.col.by": ("By", "Por"),
    "tr.col.when": ("When", "Cuándo"),
    "tr.col.removed_by": ("Withdrawn by", "Retirada por"),
    "tr.col.removed_at": ("Withdrawn on", "Retirada el"),
    "tr.status.tier_a": ("Yes · tier A", "Sí · nivel A"),
    "tr.status.marked": ("Yes · {reason}", "Sí · {reason}"),
    "tr.status.excluded": ("Excluded", "Excluida"),
    "tr.kind.key": ("Strategic key account", "Cuenta clave estratégica"),
    "tr.kind.exclude": ("Exclude from key accounts", "Excluir de las cuentas clave"),
    "tr.reason.brand_image": ("Brand image", "Imagen de marca"),
    "tr.reason.strategic_fit": ("Strategic fit", "Encaje estratégico"),
    "tr.reason.geographic_presence": ("Geographic presence", "Presencia geográfica"),
    "tr.reason.segment": ("Segment", "Segmento"),
    "tr.reason.growth_potential": ("Growth potential", "Potencial de crecimiento"),
    "tr.reason.other": ("Other", "Otro"),
    "tr.key.title": ("Key accounts: {n}", "Cuentas clave: {n}"),
    "tr.mark.title": ("Mark or exclude an account", "Marcar o excluir una cuenta"),
    "tr.mark.caption": (
        "A mark applies in every period and on every page; it is kept with who, when and why.",
        "La marca se aplica en todos los periodos y páginas; se guarda quién, cuándo y por qué.",
    ),
    "tr.mark.current": (
        "Now: {what} — by {by} on {when}. Note: {note}",
        "Ahora: {what} — por {by} el {when}. Nota: {note}",
    ),
    "tr.mark.kind": ("Mark", "Marca"),
    "tr.mark.find": ("Find the account", "Buscar la cuenta"),
    "tr.mark.no_match": (
        "No account matches; showing the largest ones.",
        "Ninguna cuenta coincide; se muestran las mayores.",
    ),
    "tr.mark.reason": ("Reason", "Motivo"),
    "tr.mark.note": ("Why (note)", "Por qué (nota)"),
    "tr.mark.note.help": (
        "Required for 'Other' and for exclusions.",
        "Obligatoria para 'Otro' y para las exclusiones.",
    ),
    "tr.mark.save": ("Save mark", "Guardar marca"),
    "tr.mark.saved": ("Saved: {name}", "Guardado: {name}"),
    "tr.mark.clear": ("Withdraw this account's mark", "Retirar la marca de esta cuenta"),
    "tr.mark.cleared": ("Mark withdrawn: {name}", "Marca retirada: {name}"),
    "tr.mark.history": ("History of marks", "Historial de marcas"),
    "tr.score.caption": (
        "Each criterion is scored 0-1 against the other accounts (percentile); the weights "
        "below mix them into a 0-100 score. Tier by score gives as many A and B places as the "
        "revenue tiers.",
        "Cada criterio se puntúa de 0 a 1 frente al resto de cuentas (percentil); los pesos los "
        "combinan en una puntuación de 0 a 100. El nivel por puntuación reparte tantas plazas A "
        "y B como los niveles por facturación.",
    ),
    "tr.crit.revenue": ("Revenue", "Facturación"),
    "tr.crit.growth": ("Growth", "Crecimiento"),
    "tr.crit.margin": ("Margin", "Margen"),
    "tr.crit.strategic": ("Strategic mark", "Marca estratégica"),
    "tr.crit.attractiveness": ("Attractiveness", "Atractivo"),
    "tr.score.no_weights": (
        "Give at least one criterion a weight.",
        "Asigne peso al menos a un criterio.",
    ),
    "tr.score.dropped": ("Not used (no data): {what}", "Sin usar (no hay datos): {what}"),
    "tr.score.headline": (
        "**{n} accounts** change tier when ranked by score.",
        "**{n} cuentas** cambian de nivel al ordenarlas por puntuación.",
    ),
    "tr.score.save": ("Save these weights as default", "Guardar estos pesos por defecto"),
    "tr.score.saved": ("Weights saved.", "Pesos guardados."),
    "tr.attractiveness": ("Attractiveness (1-5)", "Atractivo (1-5)"),
    "tr.attractiveness.help": (
        "How attractive the account is to us: size of wallet, growth, fit, payment.",
        "Lo atractiva que es la cuenta para nosotros: potencial de compra, crecimiento, encaje, "
        "pago.",
    ),
    "tr.strength": ("Our strength (1-5)", "Nuestra fortaleza (1-5)"),
    "tr.strength.help": (
        "Our position in the account versus competitors: share of wallet, relationships.",
        "Nuestra posición en la cuenta frente a la competencia: cuota de compra, relaciones.",
    ),
    "tr.attractiveness_axis": (
        "Account attractiveness (1 low – 5 high)",
        "Atractivo de la cuenta (1 bajo – 5 alto)",
    ),
    "tr.strength_axis": (
        "Our relative strength (1 weak – 5 strong)",
        "Nuestra fortaleza relativa (1 débil – 5 fuerte)",
    ),
    "tr.matrix.title": (
        "KAM portfolio matrix (bubble = revenue)",
        "Matriz de cartera KAM (burbuja = facturación)",
    ),
    "tr.matrix.caption": (
        "{n} rated accounts. Rate key accounts below.",
        "{n} cuentas valoradas. Valore las cuentas clave más abajo.",
    ),
    "tr.quad.key": ("Invest: key", "Invertir: clave"),
    "tr.quad.develop": ("Develop", "Desarrollar"),
    "tr.quad.maintain": ("Maintain", "Mantener"),
    "tr.quad.efficient": ("Serve efficiently", "Atender con eficiencia"),
    "tr.rate.title": ("Rate key accounts", "Valorar cuentas clave"),
    "tr.rate.save": ("Save ratings", "Guardar valoraciones"),
    "tr.rate.saved": ("{n} ratings saved.", "{n} valoraciones guardadas."),
    "tr.mig.before": ("From quarter", "Del trimestre"),
    "tr.mig.after": ("To quarter", "Al trimestre"),
    "tr.mig.by": ("Measure", "Medida"),
    "tr.mig.by.count": ("Accounts", "Cuentas"),
    "tr.mig.by.revenue": ("Revenue", "Facturación"),
    "tr.mig.stable": ("Stability rule ({n} quarters)", "Estabilidad ({n} trim.)"),
    "tr.mig.stable_off": (
        "Stability rule (off in Settings)",
        "Estabilidad (desactivada en Ajustes)",
    ),
    "tr.mig.title": ("Tier migration {before} → {after}", "Migración de nivel {before} → {after}"),
    "tr.mig.accounts": ("Accounts", "Cuentas"),
    "tr.mig.one_quarter": (
        "Tier migration needs at least two quarters of data.",
        "La migración entre niveles necesita al menos dos trimestres de datos.",
    ),
    "tr.mig.from_to": ("From ↓ / to →", "De ↓ / a →"),
    "tr.mig.flow": ("Accounts behind a flow", "Cuentas de un flujo"),
    "tr.mig.flow_label": ("{a} → {b} ({n})", "{a} → {b} ({n})"),
    "tr.mig.rev_before": ("Revenue before", "Facturación antes"),
    "tr.mig.rev_after": ("Revenue after", "Facturación después"),
    "tr.state.A": ("A", "A"),
    "tr.state.B": ("B", "B"),
    "tr.state.C": ("C", "C"),
    "tr.state.new": ("New", "Nueva"),
    "tr.state.lost": ("Lost", "Perdida"),
    "tr.total": ("Total", "Total"),
    "tr.sankey.new": ("New accounts", "Cuentas nuevas"),
    "tr.sankey.lost": ("Lost accounts", "Cuentas perdidas"),
    "tr.xyz.title": (
        "ABC × XYZ: accounts · share of revenue",
        "ABC × XYZ: cuentas · participación en la facturación",
    ),
    "tr.xyz.caption": (
        "Variability of quarterly revenue over the {n} quarters selected (coefficient of "
        "variation, a quarter without purchases counts as 0): X up to {x}, Y up to {y}, Z above.",
        "Variabilidad de la facturación trimestral en los {n} trimestres seleccionados "
        "(coeficiente de variación; un trimestre sin compras cuenta como 0): X hasta {x}, Y "
        "hasta {y}, Z por encima.",
    ),
    "tr.xyz.one_quarter": (
        "ABC-XYZ needs a range of at least two quarters.",
        "ABC-XYZ necesita un rango de al menos dos trimestres.",
    ),
    "tr.xyz.X": ("X steady", "X estable"),
    "tr.xyz.Y": ("Y variable", "Y variable"),
    "tr.xyz.Z": ("Z erratic", "Z errática"),
    "tr.abc.A": ("A", "A"),
    "tr.abc.B": ("B", "B"),
    "tr.abc.C": ("C", "C"),
    "tr.xyz.cell": ("Accounts in cell", "Cuentas de la celda"),
    "tr.xyz.mean": ("Average per quarter", "Media por trimestre"),
    "tr.xyz.cv": ("Coefficient of variation", "Coeficiente de variación"),
}
