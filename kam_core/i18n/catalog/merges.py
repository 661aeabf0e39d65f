"""One customer under many names (F-IN-5): the Accounts page, the ``accounts`` command and their
errors. Prefix ``mg.`` (plus the page's menu title)."""

STRINGS = {
    "nav.accounts": ("Duplicates", "Duplicados"),
    # ---------------------------------------------------------------- page
    "mg.title": ("One customer, many names", "Un cliente, varios nombres"),
    "mg.intro": (
        "Files spell the same customer in different ways (ACME S.A., Acme SA, ACME, S.A.). Likely duplicates are listed with their evidence; merging one keeps the surviving account's key and moves the other's revenue, relationship map, plan, marks and activity into it. A merge is remembered (a later file with the other name lands in the survivor) and can be undone at any time.",
        "Los archivos escriben el mismo cliente de formas distintas (ACME S.A., Acme SA, ACME, S.A.). Los posibles duplicados aparecen con sus pruebas; al fusionarlos se conserva la clave de la cuenta que sobrevive y se le pasan los ingresos, el mapa de relaciones, el plan, las marcas y la actividad de la otra. La fusión se recuerda (un archivo posterior con el otro nombre va a la cuenta que sobrevive) y se puede deshacer en cualquier momento.",
    ),
    "mg.present": (
        "Presentation mode: merges are shown, not made.",
        "Modo presentación: las fusiones se muestran, no se hacen.",
    ),
    "mg.no_right": (
        "Merging accounts is for an administrator: you see the suggestions and the merges made.",
        "Fusionar cuentas corresponde a un administrador: usted ve las propuestas y las fusiones hechas.",
    ),
    "mg.suggestions": ("Likely duplicates", "Posibles duplicados"),
    "mg.suggestions.help": (
        "{n} groups, most confident first. The first account of a group is the suggested survivor (the one with most revenue); pick another name to keep it instead.",
        "{n} grupos, primero los más seguros. La primera cuenta de cada grupo es la que se propone conservar (la de más ingresos); elija otro nombre para conservar ese.",
    ),
    "mg.none": (
        "No likely duplicates among the accounts.",
        "No hay posibles duplicados entre las cuentas.",
    ),
    "mg.group.head": ("**Match {pct}** · {reasons}", "**Coincidencia {pct}** · {reasons}"),
    "mg.typo_edits": ("{n} letter(s) apart", "a {n} letra(s) de distancia"),
    "mg.quarters": ("{span} ({n} quarters)", "{span} ({n} trimestres)"),
    "mg.col.name": ("Name", "Nombre"),
    "mg.col.key": ("Key", "Clave"),
    "mg.col.compared": ("Compared as", "Comparado como"),
    "mg.col.revenue": ("Revenue", "Ingresos"),
    "mg.col.lines": ("Lines", "Líneas"),
    "mg.col.quarters": ("Quarters", "Trimestres"),
    "mg.col.product_lines": ("Product lines", "Líneas de producto"),
    "mg.col.regions": ("Regions", "Regiones"),
    "mg.pick": ("Surviving name", "Nombre que se conserva"),
    "mg.pick.help": (
        "The account kept: its key, name and links stay; the others are merged into it.",
        "La cuenta que se conserva: mantiene su clave, su nombre y sus enlaces; las demás se fusionan en ella.",
    ),
    "mg.merge": ("Merge", "Fusionar"),
    "mg.dismiss": ("Not the same", "Son distintas"),
    "mg.quoted": ("“{name}”", "«{name}»"),
    "mg.merged": (
        "Merged {others} into “{survivor}”. You can undo it under Merges.",
        "Se fusionó {others} en «{survivor}». Puede deshacerlo en Fusiones.",
    ),
    "mg.dismissed": (
        "Noted: “{survivor}” and the others of its group are different customers; they will not be suggested together again.",
        "Anotado: «{survivor}» y las demás cuentas de su grupo son clientes distintos; no se volverán a proponer juntas.",
    ),
    "mg.more": ("Show {n} more", "Mostrar {n} más"),
    "mg.history": ("Merges", "Fusiones"),
    "mg.history.empty": ("No merges yet.", "Todavía no hay fusiones."),
    "mg.h.when": ("When", "Cuándo"),
    "mg.h.by": ("By", "Quién"),
    "mg.h.survivor": ("Survivor", "Cuenta conservada"),
    "mg.h.merged": ("Merged name", "Nombre fusionado"),
    "mg.h.merged_key": ("Merged key", "Clave fusionada"),
    "mg.h.lines": ("Lines moved", "Líneas movidas"),
    "mg.h.revenue": ("Revenue moved", "Ingresos movidos"),
    "mg.h.kept": ("Kept aside", "Apartados"),
    "mg.h.kept.help": (
        "Rows of the merged account that the kept one already had its own of (a team member, a plan text, a key-account mark...): they stay with the merged name, out of sight, and come back with an unmerge.",
        "Filas de la cuenta fusionada que la cuenta conservada ya tenía por su cuenta (un miembro del equipo, un texto del plan, una marca de cuenta clave...): se quedan con el nombre fusionado, sin mostrarse, y vuelven al deshacer la fusión.",
    ),
    "mg.h.status": ("Status", "Estado"),
    "mg.status.active": ("In force", "Vigente"),
    "mg.status.undone": ("Undone {when} by {by}", "Deshecha el {when} por {by}"),
    "mg.unmerge.pick": ("Merge to undo", "Fusión que deshacer"),
    "mg.unmerge.option": ("{merged} → {survivor}", "{merged} → {survivor}"),
    "mg.unmerge": ("Unmerge", "Deshacer fusión"),
    "mg.unmerged": (
        "“{merged}” is its own account again, with what it had (it had been merged into “{survivor}”).",
        "«{merged}» vuelve a ser una cuenta aparte, con lo que tenía (estaba fusionada en «{survivor}»).",
    ),
    # ---------------------------------------------------------------- evidence
    "mg.reason.same_normalised_name": (
        "same name once case, accents, punctuation and legal form are set aside",
        "mismo nombre sin mayúsculas, acentos, puntuación ni forma jurídica",
    ),
    "mg.reason.word_order": ("same words in another order", "mismas palabras en otro orden"),
    "mg.reason.spacing": ("same letters, spaced differently", "mismas letras, con otros espacios"),
    "mg.reason.typo": ("a small typo", "una pequeña errata"),
    "mg.reason.same_id": ("same customer id", "mismo código de cliente"),
    "mg.reason.shared_product_lines": (
        "buy the same product lines",
        "compran las mismas líneas de producto",
    ),
    "mg.reason.shared_regions": ("same region", "misma región"),
    "mg.reason.non_overlapping_quarters": (
        "one name stops when the other starts",
        "un nombre deja de aparecer cuando empieza el otro",
    ),
    # ---------------------------------------------------------------- errors
    "mg.err.generic": ("The accounts cannot be merged.", "Las cuentas no se pueden fusionar."),
    "mg.err.too_few": (
        "Name at least two accounts: the one to keep first, then the ones to merge into it.",
        "Indique al menos dos cuentas: primero la que se conserva y después las que se fusionan en ella.",
    ),
    "mg.err.repeated": (
        "The account '{account}' is named twice. Nothing was merged.",
        "La cuenta '{account}' aparece dos veces. No se fusionó nada.",
    ),
    "mg.err.unknown": (
        "There is no account '{account}'. Nothing was merged (see: accounts list).",
        "No existe la cuenta '{account}'. No se fusionó nada (vea: accounts list).",
    ),
    "mg.err.already_merged": (
        "The account '{account}' was already merged into '{survivor}'. Use '{survivor}' instead, or unmerge '{account}' first. Nothing was merged.",
        "La cuenta '{account}' ya se fusionó en '{survivor}'. Use '{survivor}' en su lugar, o deshaga antes la fusión de '{account}'. No se fusionó nada.",
    ),
    "mg.err.not_merged": (
        "The account '{account}' is not merged into another account. Nothing was changed.",
        "La cuenta '{account}' no está fusionada en otra. No se cambió nada.",
    ),
    "mg.err.unmerge_survivor": (
        "'{account}' is the account that was kept; unmerge one of the accounts merged into it: {merged}. Nothing was changed.",
        "'{account}' es la cuenta que se conservó; deshaga la fusión de una de las cuentas fusionadas en ella: {merged}. No se cambió nada.",
    ),
    "mg.err.unmerge_outer_first": (
        "'{account}' was merged into '{survivor}', which was later merged into '{outer}'. Unmerge '{survivor}' first. Nothing was changed.",
        "'{account}' se fusionó en '{survivor}', que después se fusionó en '{outer}'. Deshaga antes la fusión de '{survivor}'. No se cambió nada.",
    ),
    # ---------------------------------------------------------------- command line
    "mg.cli.list_head": (
        "{n} accounts (key · name · revenue · lines)",
        "{n} cuentas (clave · nombre · ingresos · líneas)",
    ),
    "mg.cli.list_line": (
        "{account} · {name} · {revenue} · {lines}{merged}",
        "{account} · {name} · {revenue} · {lines}{merged}",
    ),
    "mg.cli.list_merged": (" · merged in: {keys}", " · fusionadas: {keys}"),
    "mg.cli.no_suggestions": ("No likely duplicates.", "No hay posibles duplicados."),
    "mg.cli.suggest_head": (
        "{n} groups of likely duplicates, most confident first (the suggested survivor first):",
        "{n} grupos de posibles duplicados, primero los más seguros (primero la cuenta que se propone conservar):",
    ),
    "mg.cli.group": ("\n[{score}] {reasons}", "\n[{score}] {reasons}"),
    "mg.cli.member_survivor": (
        "  * {account} · {name} · {revenue} · {quarters}",
        "  * {account} · {name} · {revenue} · {quarters}",
    ),
    "mg.cli.member": (
        "    {account} · {name} · {revenue} · {quarters}",
        "    {account} · {name} · {revenue} · {quarters}",
    ),
    "mg.cli.merge_hint": (
        "to merge: python -m kam_core {command}",
        "para fusionar: python -m kam_core {command}",
    ),
    "mg.cli.merged": (
        "Merged '{account}' into '{survivor}': {lines} lines, revenue {revenue}. Undo: python -m kam_core {undo}",
        "Fusionada '{account}' en '{survivor}': {lines} líneas, ingresos {revenue}. Deshacer: python -m kam_core {undo}",
    ),
    "mg.cli.unmerged": (
        "'{account}' is its own account again (it had been merged into '{survivor}').",
        "'{account}' vuelve a ser una cuenta aparte (estaba fusionada en '{survivor}').",
    ),
}
