"""Shared strings: app chrome, navigation, generic errors, settings labels."""

STRINGS = {
    "app.title": ("Cartera", "Cartera"),
    "app.tagline": ("Key account management", "Gestión de cuentas clave"),
    "nav.portfolio": ("Portfolio", "Cartera"),
    "nav.tiers": ("Tiers", "Niveles"),
    "nav.account": ("Account 360", "Cuenta 360"),
    "nav.team": ("KAM team", "Equipo KAM"),
    "nav.upload": ("Upload", "Cargar datos"),
    "nav.settings": ("Settings", "Ajustes"),
    "ui.language": ("Language", "Idioma"),
    "ui.present": ("Presentation mode", "Modo presentación"),
    "ui.present.help": (
        "Hides the sidebar and editing controls, larger type: for meetings.",
        "Oculta la barra lateral y los controles de edición, letra más grande: para reuniones.",
    ),
    "ui.present.exit": ("Exit presentation", "Salir de la presentación"),
    "ui.export.csv": ("CSV", "CSV"),
    "ui.export.xlsx": ("Excel", "Excel"),
    "ui.coming": ("Coming soon", "Próximamente"),
    "err.generic": ("Something went wrong: {detail}", "Algo ha fallado: {detail}"),
    "err.db_locked": (
        "The database {path} is in use by another program (process {pid}), usually the running "
        "Cartera app. Stop it, or load the file through the app's Upload page.",
        "La base de datos {path} está en uso por otro programa (proceso {pid}), normalmente la "
        "aplicación Cartera en marcha. Deténgala o cargue el archivo desde la página Cargar datos.",
    ),
    "err.validation": ("Invalid value: {detail}", "Valor no válido: {detail}"),
    "err.setting_unknown": ("Unknown setting {key}", "Ajuste desconocido {key}"),
    "err.setting_range": (
        "{key} must be between {min} and {max}.",
        "{key} debe estar entre {min} y {max}.",
    ),
    "set.pareto_a": ("Tier A cut (cumulative share)", "Corte nivel A (participación acumulada)"),
    "set.pareto_a.help": (
        "Accounts that together make this share of revenue are tier A (Pareto 80/20).",
        "Las cuentas que juntas suman esta parte de la facturación son nivel A (Pareto 80/20).",
    ),
    "set.pareto_b": ("Tier B cut (cumulative share)", "Corte nivel B (participación acumulada)"),
    "set.pareto_b.help": (
        "Accounts after tier A up to this cumulative share are tier B; the rest are C.",
        "Las cuentas tras el nivel A hasta esta participación acumulada son nivel B; el resto, C.",
    ),
    "set.major_customer_share": ("Major customer threshold", "Umbral de cliente principal"),
    "set.major_customer_share.help": (
        "An account at or above this share of revenue is flagged (US GAAP ASC 280 uses 10%).",
        "Se señala toda cuenta con esta parte de la facturación o más (US GAAP ASC 280 usa el 10 %).",
    ),
    "set.hhi_moderate": ("HHI: moderately concentrated from", "IHH: concentración moderada desde"),
    "set.hhi_moderate.help": (
        "Herfindahl-Hirschman index (0-10,000) from which concentration is moderate.",
        "Índice Herfindahl-Hirschman (0-10.000) a partir del cual la concentración es moderada.",
    ),
    "set.hhi_high": ("HHI: highly concentrated from", "IHH: concentración alta desde"),
    "set.hhi_high.help": (
        "Herfindahl-Hirschman index from which concentration is high.",
        "Índice Herfindahl-Hirschman a partir del cual la concentración es alta.",
    ),
    "set.pareto_top_n": ("Bars in the Pareto chart", "Barras en el gráfico de Pareto"),
    "set.pareto_top_n.help": (
        "Up to this many accounts, each has its own bar; with more, neighbouring accounts share a bar "
        "(their average). The cumulative line always covers every account.",
        "Hasta este número de cuentas, cada una tiene su barra; con más, las cuentas vecinas comparten "
        "barra (su media). La línea acumulada cubre siempre todas las cuentas.",
    ),
}

STRINGS.update(
    {
        "empty.title": ("Welcome to Cartera", "Bienvenido a Cartera"),
        "empty.body": (
            "There is no revenue data yet. Upload your quarterly revenue files (CSV or Excel) to find "
            "the accounts that carry your business, or explore Cartera with a demo portfolio first.",
            "Todavía no hay datos de facturación. Cargue sus archivos trimestrales de facturación (CSV "
            "o Excel) para descubrir las cuentas que sostienen su negocio, o explore Cartera primero "
            "con una cartera de demostración.",
        ),
        "empty.upload": ("Upload revenue files", "Cargar archivos de facturación"),
        "empty.demo": ("Load the demo portfolio", "Cargar la cartera de demostración"),
        "demo.remove.title": ("Demo data", "Datos de demostración"),
        "demo.remove.help": (
            "The database still holds the demo portfolio. Remove it to work with your own data only: "
            "your uploads, people and plans stay exactly as they are.",
            "La base de datos aún contiene la cartera de demostración. Elimínela para trabajar solo "
            "con sus datos: sus cargas, personas y planes no cambian.",
        ),
        "demo.remove.confirm": (
            "Yes, remove the demo accounts, people and plans",
            "Sí, eliminar las cuentas, personas y planes de demostración",
        ),
        "demo.remove.button": ("Remove the demo", "Eliminar la demostración"),
        "demo.remove.done": (
            "Demo removed: {accounts} accounts and {lines} lines.",
            "Demostración eliminada: {accounts} cuentas y {lines} líneas.",
        ),
    }
)
