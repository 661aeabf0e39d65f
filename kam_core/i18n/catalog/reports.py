"""Decks, review packs, PDF and the written brief (kam_core.reports).

The brief's sentences are whole templates per grammatical case (one / many / none) rather than
pieces glued together, so that English and Spanish can each agree in number and gender.
"""

STRINGS = {
    # errors
    "rep.err.report": ("The report could not be built.", "No se pudo generar el informe."),
    "rep.err.no_chromium": (
        "Charts cannot be turned into images: Chromium was not found ({path}). Install it (on "
        "Debian: apt-get install chromium) or set BROWSER_PATH to the browser's path.",
        "No se pueden convertir los gráficos en imágenes: no se encontró Chromium ({path}). "
        "Instálelo (en Debian: apt-get install chromium) o indique su ruta en BROWSER_PATH.",
    ),
    "rep.err.image_failed": (
        "A chart could not be turned into an image: {reason}",
        "No se pudo convertir un gráfico en imagen: {reason}",
    ),
    "rep.err.image_timeout": (
        "Turning a chart into an image took longer than {seconds} s. Try again.",
        "La conversión de un gráfico en imagen tardó más de {seconds} s. Vuelva a intentarlo.",
    ),
    # decks and PDF
    "rep.footer.app": ("Cartera", "Cartera"),
    "rep.page": ("Page {page} of {pages}", "Página {page} de {pages}"),
    "rep.rows_shown": (
        "The first {shown} of {total} rows.",
        "Las primeras {shown} de {total} filas.",
    ),
    "rep.empty_table": ("No rows.", "Sin filas."),
    # the written brief (F-PR-5)
    "rep.brief.period.one": ("In {q}, ", "En {q}, "),
    "rep.brief.period.range": ("From {q_from} to {q_to}, ", "De {q_from} a {q_to}, "),
    "rep.brief.revenue": ("{lead}revenue was {money}.", "{lead}la facturación fue de {money}."),
    "rep.brief.revenue.accounts": (
        "{lead}revenue was {money} from {n} accounts.",
        "{lead}la facturación fue de {money} con {n} cuentas.",
    ),
    "rep.brief.accounts.one": (
        "{lead}1 account had revenue.",
        "{lead}una cuenta tuvo facturación.",
    ),
    "rep.brief.accounts.many": (
        "{lead}{n} accounts had revenue.",
        "{lead}{n} cuentas tuvieron facturación.",
    ),
    "rep.brief.single.it": (
        "All of it comes from a single account{name}.",
        "Toda ella procede de una sola cuenta{name}.",
    ),
    "rep.brief.single.all": (
        "All revenue comes from a single account{name}.",
        "Toda la facturación procede de una sola cuenta{name}.",
    ),
    "rep.brief.pareto.one": (
        "1 account, {share} of the portfolio, makes {thr} of revenue.",
        "Una cuenta, el {share} de la cartera, concentra el {thr} de la facturación.",
    ),
    "rep.brief.pareto.many": (
        "{n} accounts, {share} of the portfolio, make {thr} of revenue.",
        "{n} cuentas, el {share} de la cartera, concentran el {thr} de la facturación.",
    ),
    "rep.brief.largest": (
        "The largest account, {name}, makes {share} of revenue.",
        "La mayor cuenta, {name}, concentra el {share} de la facturación.",
    ),
    "rep.brief.largest.tie": (
        "{names} are tied as the largest accounts, with {share} of revenue each.",
        "{names} empatan como las mayores cuentas, con el {share} de la facturación cada una.",
    ),
    "rep.brief.major.none": (
        "No single account reaches the major-customer line ({thr} of revenue).",
        "Ninguna cuenta alcanza el umbral de cliente principal ({thr} de la facturación).",
    ),
    "rep.brief.major.one": (
        "{name} is the only major customer ({thr} of revenue or more), with {share}.",
        "{name} es el único cliente principal ({thr} de la facturación o más), con el {share}.",
    ),
    "rep.brief.major.many": (
        "There are {n} major customers ({thr} of revenue or more each): {list}.",
        "Hay {n} clientes principales ({thr} de la facturación o más cada uno): {list}.",
    ),
    "rep.brief.major.item": ("{name} ({share})", "{name} ({share})"),
    "rep.brief.more": ("{n} more", "{n} más"),
    "rep.brief.top.one": (
        "The top {n} accounts make {share} of revenue.",
        "Las {n} mayores cuentas concentran el {share} de la facturación.",
    ),
    "rep.brief.top.many": (
        "The top {ns} accounts make {shares} of revenue respectively.",
        "Las {ns} mayores cuentas concentran, respectivamente, {shares} de la facturación.",
    ),
    "rep.brief.top.share": ("{share}", "el {share}"),
    "rep.brief.hhi": (
        "The HHI is {hhi}, {band}, as if revenue were spread evenly over {eff} accounts.",
        "El IHH es {hhi}, {band}, como si la facturación se repartiera por igual entre {eff} "
        "cuentas.",
    ),
    "rep.brief.hhi.noeff": ("The HHI is {hhi}, {band}.", "El IHH es {hhi}, {band}."),
    "rep.brief.band.low": ("low concentration (below {lo})", "concentración baja (menos de {lo})"),
    "rep.brief.band.moderate": (
        "moderate concentration ({lo} to {hi})",
        "concentración moderada (de {lo} a {hi})",
    ),
    "rep.brief.band.high": ("high concentration (above {hi})", "concentración alta (más de {hi})"),
    "rep.brief.gini": ("The Gini coefficient is {gini}.", "El coeficiente de Gini es {gini}."),
    "rep.brief.vs.label": ("compared with {label}", "respecto a {label}"),
    "rep.brief.vs.default": (
        "compared with the previous comparable period",
        "respecto al periodo comparable anterior",
    ),
    "rep.brief.growth.up": ("Revenue grew {pct} {vs}.", "La facturación creció un {pct} {vs}."),
    "rep.brief.growth.down": ("Revenue fell {pct} {vs}.", "La facturación cayó un {pct} {vs}."),
    "rep.brief.growth.flat": (
        "Revenue was flat {vs}.",
        "La facturación se mantuvo estable {vs}.",
    ),
    "rep.brief.grew.first": ("{name} grew {pct}", "{name} creció un {pct}"),
    "rep.brief.fell.first": ("{name} fell {pct}", "{name} cayó un {pct}"),
    "rep.brief.moved.next": ("{name} {pct}", "{name} un {pct}"),
    "rep.brief.won.one": ("1 account was won", "Se ganó una cuenta"),
    "rep.brief.won.many": ("{n} accounts were won", "Se ganaron {n} cuentas"),
    "rep.brief.won.none": ("No account was won", "No se ganó ninguna cuenta"),
    "rep.brief.lost.one": ("1 was lost", "se perdió una"),
    "rep.brief.lost.many": ("{n} were lost", "se perdieron {n}"),
    "rep.brief.lost.none": ("none was lost", "no se perdió ninguna"),
    "rep.brief.lost.alone.one": ("1 account was lost", "Se perdió una cuenta"),
    "rep.brief.lost.alone.many": ("{n} accounts were lost", "Se perdieron {n} cuentas"),
    "rep.brief.lost.alone.none": ("No account was lost", "No se perdió ninguna cuenta"),
    "rep.brief.wonlost": ("{won} and {lost}.", "{won} y {lost}."),
    "rep.brief.wonlost.none": (
        "No account was won or lost.",
        "No se ganó ni se perdió ninguna cuenta.",
    ),
    "rep.brief.warn.none": (
        "No key account has fallen two quarters running.",
        "Ninguna cuenta clave ha caído dos trimestres seguidos.",
    ),
    "rep.brief.warn.one": (
        "One key account has fallen two quarters running{stake}.",
        "Una cuenta clave ha caído dos trimestres seguidos{stake}.",
    ),
    # Not led by the number: it follows "... 16 were lost." and "lost. 5 key" reads as 16.5
    "rep.brief.warn.many": (
        "At {n} key accounts, revenue has fallen two quarters running{stake}.",
        "En {n} cuentas clave, la facturación ha caído dos trimestres seguidos{stake}.",
    ),
    "rep.brief.warn.stake": (
        ", with {money} of revenue at stake",
        ", con {money} de facturación en juego",
    ),
}
