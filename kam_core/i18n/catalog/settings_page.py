"""Settings page."""

STRINGS = {
    "sp.title": ("Settings", "Ajustes"),
    "sp.intro": (
        "Thresholds and weights used on every page. Changes apply to everyone once saved.",
        "Umbrales y pesos que usan todas las páginas. Los cambios se aplican a todos al guardar.",
    ),
    "sp.group.concentration": ("Tiers and concentration", "Niveles y concentración"),
    "sp.group.score": ("Multi-criteria score weights", "Pesos de la puntuación multicriterio"),
    "sp.group.stability": ("Tier stability and ABC-XYZ", "Estabilidad de nivel y ABC-XYZ"),
    "sp.group.account": ("Account management", "Gestión de cuentas"),
    "sp.group.health": ("Account health weights", "Pesos de la salud de la cuenta"),
    "sp.group.workload": ("KAM workload", "Carga de trabajo de los KAM"),
    "sp.unit.pct": ("{label} (%)", "{label} (%)"),
    "sp.save": ("Save settings", "Guardar ajustes"),
    "sp.saved": ("Settings saved.", "Ajustes guardados."),
    "sp.reset": ("Restore defaults", "Restaurar valores por defecto"),
    "sp.reset.done": ("Defaults restored.", "Valores por defecto restaurados."),
    "sp.unchanged": (
        "Nothing to save: no value changed.",
        "Nada que guardar: no ha cambiado ningún valor.",
    ),
    "sp.default": ("Default: {value}", "Por defecto: {value}"),
    "err.set_a_below_b": (
        "The tier A cut must be lower than the tier B cut.",
        "El corte del nivel A debe ser menor que el del nivel B.",
    ),
    "err.set_hhi_order": (
        "The 'moderately concentrated' HHI must be lower than the 'highly concentrated' one.",
        "El IHH de 'concentración moderada' debe ser menor que el de 'concentración alta'.",
    ),
    "err.set_xyz_order": (
        "The X limit must be lower than the Y limit.",
        "El límite de X debe ser menor que el de Y.",
    ),
    "err.set_weights_zero": (
        "At least one score weight must be above zero.",
        "Al menos un peso de la puntuación debe ser mayor que cero.",
    ),
}
