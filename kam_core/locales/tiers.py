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
    "set.score_w_strategic": ("Score weight: strategic mark", "Peso en la puntuación: marca estratégica"),
    "set.score_w_strategic.help": (
        "Weight of being marked a strategic key account.",
        "Peso de estar marcada como cuenta clave estratégica.",
    ),
    "set.score_w_attractiveness": (
        "Score weight: attractiveness", "Peso en la puntuación: atractivo"),
    "set.score_w_attractiveness.help": (
        "Weight of the attractiveness you rate (1-5); unrated accounts get the median.",
        "Peso del atractivo que usted valora (1-5); las cuentas sin valorar reciben la mediana.",
    ),
    "set.tier_stability_quarters": (
        "Tier stability (quarters)", "Estabilidad de nivel (trimestres)"),
    "set.tier_stability_quarters.help": (
        "An account changes tier only after this many consecutive quarters beyond the cut "
        "(0 = off), so accounts near a cut do not flip every quarter.",
        "Una cuenta cambia de nivel solo tras este número de trimestres seguidos al otro lado "
        "del corte (0 = desactivado), para que las cuentas cerca de un corte no cambien cada "
        "trimestre.",
    ),
    "set.xyz_x_max": ("XYZ: steady (X) up to CV", "XYZ: estable (X) hasta CV"),
    "set.xyz_x_max.help": (
        "Coefficient of variation of quarterly revenue up to which an account is X (steady).",
        "Coeficiente de variación de la facturación trimestral hasta el que una cuenta es X "
        "(estable).",
    ),
    "set.xyz_y_max": ("XYZ: variable (Y) up to CV", "XYZ: variable (Y) hasta CV"),
    "set.xyz_y_max.help": (
        "Up to this CV an account is Y (variable); above it, Z (erratic).",
        "Hasta este CV una cuenta es Y (variable); por encima, Z (errática).",
    ),
}
