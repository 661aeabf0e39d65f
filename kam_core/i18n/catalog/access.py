"""Sign-in, roles, users, the audit log and contacts' personal data (issue 12)."""

STRINGS = {
    "nav.admin": ("Admin", "Administración"),
    # sign-in
    "au.sign_in.title": ("Sign in to Cartera", "Inicia sesión en Cartera"),
    "au.sign_in.body": (
        "Cartera holds your team's key accounts: the people at each client, plans and figures. "
        "Sign in with your company account to continue.",
        "Cartera guarda las cuentas clave de tu equipo: las personas de cada cliente, los planes "
        "y las cifras. Inicia sesión con tu cuenta de empresa para continuar.",
    ),
    "au.sign_in.button": ("Sign in", "Iniciar sesión"),
    "au.sign_out": ("Sign out", "Cerrar sesión"),
    "au.signed_in_as": ("Signed in as **{name}** · {role}", "Sesión de **{name}** · {role}"),
    "au.unknown.title": ("Ask your admin for access", "Pide acceso a tu administrador"),
    "au.unknown.body": (
        "You are signed in as {email}, but this address is not a user of this Cartera.",
        "Has iniciado sesión como {email}, pero esta dirección no es usuaria de este Cartera.",
    ),
    "au.unknown.help": (
        "An admin adds you on the Admin page (or with `python -m kam_core users add`), with the "
        "role you need. Then sign in again.",
        "Un administrador te da de alta en la página de Administración (o con `python -m "
        "kam_core users add`), con el rol que necesites. Después vuelve a iniciar sesión.",
    ),
    "au.local.you": (
        "Local mode: you are {user}, with every right.",
        "Modo local: eres {user}, con todos los permisos.",
    ),
    "au.local.remote": (
        "This Cartera runs in local mode (no sign-in) and serves this computer only. To share "
        "it with a team, configure sign-in ([auth] in .streamlit/secrets.toml, see the README).",
        "Este Cartera funciona en modo local (sin inicio de sesión) y solo atiende a este "
        "ordenador. Para compartirlo con un equipo, configura el inicio de sesión ([auth] en "
        ".streamlit/secrets.toml, véase el README).",
    ),
    "au.page_denied": (
        "Your role does not open this page. Ask an admin if you need it.",
        "Tu rol no abre esta página. Pídeselo a un administrador si la necesitas.",
    ),
    "au.read_denied": (
        "You can open only the accounts you lead or are on the team of.",
        "Solo puedes abrir las cuentas que lideras o de cuyo equipo formas parte.",
    ),
    # roles and rights
    "au.role.viewer": ("viewer", "lector"),
    "au.role.kam": ("KAM", "KAM"),
    "au.role.director": ("director", "director"),
    "au.role.admin": ("admin", "administrador"),
    "au.role.none": ("not a user", "sin acceso"),
    "au.role.viewer.help": (
        "Reads everything, edits nothing (for presenting).",
        "Lo ve todo y no edita nada (para presentar).",
    ),
    "au.role.kam.help": (
        "Edits the relationship map, plan and activity of the accounts they lead or are on the "
        "team of (link them to their person); reads the rest.",
        "Edita el mapa de relaciones, el plan y la actividad de las cuentas que lidera o de cuyo "
        "equipo forma parte (vincúlalo a su persona); ve el resto.",
    ),
    "au.role.director.help": (
        "Edits every account, marks strategic accounts, manages KAM assignments and capacity.",
        "Edita todas las cuentas, marca cuentas estratégicas y gestiona asignaciones y capacidad.",
    ),
    "au.role.admin.help": (
        "Everything a director does, plus uploads and undo, merges, rates, settings, backups "
        "and users.",
        "Todo lo del director y además cargas y deshacer, fusiones, tipos de cambio, ajustes, "
        "copias de seguridad y usuarios.",
    ),
    "au.action.read_account": ("open this account", "abrir esta cuenta"),
    "au.action.edit_account": ("edit this account", "editar esta cuenta"),
    "au.action.export_contact": (
        "export this contact's personal data",
        "exportar los datos personales de este contacto",
    ),
    "au.action.erase_contact": (
        "erase this contact's personal data",
        "borrar los datos personales de este contacto",
    ),
    "au.action.mark_account": (
        "mark or rate key accounts",
        "marcar o valorar cuentas clave",
    ),
    "au.action.manage_team": (
        "manage people and account teams",
        "gestionar personas y equipos de cuenta",
    ),
    "au.action.upload": ("upload or undo revenue files", "cargar o deshacer ficheros de ventas"),
    "au.action.merge_accounts": ("merge accounts", "fusionar cuentas"),
    "au.action.rates": ("change exchange rates", "cambiar tipos de cambio"),
    "au.action.settings": ("change settings", "cambiar los ajustes"),
    "au.action.backup": ("back up or restore", "hacer o restaurar copias de seguridad"),
    "au.action.manage_users": ("manage users", "gestionar usuarios"),
    "au.action.view_audit": ("read the audit log", "consultar el registro de cambios"),
    "au.err.denied": (
        "Your role ({role}) cannot {action}. Nothing was changed.",
        "Tu rol ({role}) no permite {action}. No se ha cambiado nada.",
    ),
    "au.err.not_a_user": (
        "{user} is not a user of this Cartera: nothing was changed. Ask your admin.",
        "{user} no es usuario de este Cartera: no se ha cambiado nada. Pregunta a tu administrador.",
    ),
    "au.err.bad_email": (
        "'{email}' is not an email address.",
        "«{email}» no es una dirección de correo.",
    ),
    "au.err.bad_role": (
        "Unknown role '{role}': use one of {roles}.",
        "Rol desconocido «{role}»: usa uno de {roles}.",
    ),
    "au.err.unknown_person": (
        "No team member is called '{person}' (see the Team page).",
        "Ningún miembro del equipo se llama «{person}» (véase la página Equipo).",
    ),
    "au.err.last_admin": (
        "At least one admin must remain: make another user admin first.",
        "Debe quedar al menos un administrador: nombra antes administrador a otro usuario.",
    ),
    # admin page: users
    "au.admin.title": ("Administration", "Administración"),
    "au.admin.intro": (
        "Who may sign in, with which role, and every change made in Cartera.",
        "Quién puede iniciar sesión y con qué rol, y cada cambio hecho en Cartera.",
    ),
    "au.users.title": ("Users and roles", "Usuarios y roles"),
    "au.users.local": (
        "Local mode: nobody signs in and you have every right. The users below matter once "
        "sign-in is configured ([auth] in .streamlit/secrets.toml).",
        "Modo local: nadie inicia sesión y tienes todos los permisos. Los usuarios de abajo "
        "cuentan cuando se configure el inicio de sesión ([auth] en .streamlit/secrets.toml).",
    ),
    "au.users.none": ("No users yet.", "Aún no hay usuarios."),
    "au.users.add": ("Add a user or change one", "Añadir o cambiar un usuario"),
    "au.users.save": ("Save user", "Guardar usuario"),
    "au.users.added": ("{email} added.", "{email} añadido."),
    "au.users.updated": ("{email} updated.", "{email} actualizado."),
    "au.users.remove": ("Remove a user", "Quitar un usuario"),
    "au.users.remove.confirm": (
        "Yes, this person may no longer sign in",
        "Sí, esta persona ya no podrá iniciar sesión",
    ),
    "au.users.remove.button": ("Remove user", "Quitar usuario"),
    "au.users.removed": ("{email} removed.", "{email} quitado."),
    "au.f.email": ("Email", "Correo"),
    "au.f.name": ("Name", "Nombre"),
    "au.f.role": ("Role", "Rol"),
    "au.f.person": ("Team member", "Miembro del equipo"),
    "au.f.person.help": (
        "Who this user is on the Team page: a KAM edits the accounts this person leads or is "
        "on the team of.",
        "Quién es este usuario en la página Equipo: un KAM edita las cuentas que esta persona "
        "lidera o de cuyo equipo forma parte.",
    ),
    "au.f.updated": ("Last change", "Último cambio"),
    # admin page: audit log
    "au.log.title": ("Audit log", "Registro de cambios"),
    "au.log.intro": (
        "Every change: who, when, what, and the values before and after.",
        "Cada cambio: quién, cuándo, qué, y los valores antes y después.",
    ),
    "au.log.count": ("{n} of {total} entries.", "{n} de {total} entradas."),
    "au.log.empty": ("No change matches these filters.", "Ningún cambio cumple estos filtros."),
    "au.f.all": ("All", "Todos"),
    "au.f.since": ("From", "Desde"),
    "au.f.until": ("To", "Hasta"),
    "au.f.text": ("Containing", "Que contenga"),
    "au.col.when": ("When (UTC)", "Cuándo (UTC)"),
    "au.col.who": ("Who", "Quién"),
    "au.col.action": ("Action", "Acción"),
    "au.col.what": ("What", "Qué"),
    "au.col.key": ("Which", "Cuál"),
    "au.col.account": ("Account", "Cuenta"),
    "au.col.change": ("Change (before → after)", "Cambio (antes → después)"),
    "au.col.before": ("Before (JSON)", "Antes (JSON)"),
    "au.col.after": ("After (JSON)", "Después (JSON)"),
    "au.tab.history": ("History", "Historial"),
    "au.history.intro": (
        "Every change to this account, newest first.",
        "Cada cambio de esta cuenta, del más reciente al más antiguo.",
    ),
    "au.history.empty": (
        "No change recorded for this account yet.",
        "Aún no hay cambios registrados en esta cuenta.",
    ),
    "au.act.create": ("added", "alta"),
    "au.act.update": ("changed", "cambio"),
    "au.act.delete": ("removed", "baja"),
    "au.act.archive": ("archived", "archivado"),
    "au.act.upload": ("uploaded", "carga"),
    "au.act.undo": ("undone", "deshecho"),
    "au.act.merge": ("merged", "fusión"),
    "au.act.unmerge": ("unmerged", "separación"),
    "au.act.dismiss": ("not the same", "no es la misma"),
    "au.act.restore": ("restored", "restauración"),
    "au.act.export": ("exported", "exportación"),
    "au.act.erase": ("erased", "borrado"),
    "au.ent.contacts": ("contact", "contacto"),
    "au.ent.contact_coverage": ("our coverage", "nuestra cobertura"),
    "au.ent.influence_lines": ("influence line", "línea de influencia"),
    "au.ent.plan_objectives": ("objective", "objetivo"),
    "au.ent.plan_texts": ("plan text", "texto del plan"),
    "au.ent.competitors": ("competitor", "competidor"),
    "au.ent.opportunities": ("opportunity", "oportunidad"),
    "au.ent.risks": ("risk", "riesgo"),
    "au.ent.plan_actions": ("action", "acción"),
    "au.ent.activities": ("activity", "actividad"),
    "au.ent.account_marks": ("key-account mark", "marca de cuenta clave"),
    "au.ent.account_ratings": ("rating", "valoración"),
    "au.ent.people": ("person", "persona"),
    "au.ent.account_team": ("account team", "equipo de cuenta"),
    "au.ent.settings": ("setting", "ajuste"),
    "au.ent.exchange_rates": ("exchange rate", "tipo de cambio"),
    "au.ent.batches": ("upload", "carga"),
    "au.ent.account_merges": ("merge", "fusión"),
    "au.ent.account_merge_dismissals": ("not the same", "no es la misma"),
    "au.ent.warning_acks": ("warning acknowledged", "alerta revisada"),
    "au.ent.users": ("user", "usuario"),
    "au.ent.database": ("database", "base de datos"),
    # personal data of a contact
    "acc.f.email": ("Email", "Correo"),
    "au.priv.title": ("A contact's personal data", "Datos personales de un contacto"),
    "au.priv.help": (
        "When a contact asks: export what Cartera holds about them (JSON), or erase it. Erasing "
        "replaces them by a number everywhere (map, activity, plan, history); the account's "
        "figures stay. It cannot be undone.",
        "Cuando un contacto lo pida: exporta lo que Cartera guarda sobre él (JSON) o bórralo. "
        "Borrar lo sustituye por un número en todas partes (mapa, actividad, plan, historial); "
        "las cifras de la cuenta se mantienen. No se puede deshacer.",
    ),
    "au.priv.export": ("Export personal data (JSON)", "Exportar datos personales (JSON)"),
    "au.priv.confirm": (
        "Yes, erase this person (cannot be undone)",
        "Sí, borrar a esta persona (no se puede deshacer)",
    ),
    "au.priv.erase": ("Erase personal data", "Borrar datos personales"),
    "au.priv.erased": (
        "The contact's personal data was erased.",
        "Se han borrado los datos personales del contacto.",
    ),
    # settings
    "sp.group.access": ("Access", "Acceso"),
    "set.kam_own_accounts_only": (
        "KAMs open only their own accounts (1 = yes)",
        "Los KAM solo abren sus cuentas (1 = sí)",
    ),
    "set.kam_own_accounts_only.help": (
        "With sign-in: 1 lets a KAM open only the accounts they lead or are on the team of; 0 "
        "lets them read every account (they edit only their own either way).",
        "Con inicio de sesión: 1 hace que un KAM solo abra las cuentas que lidera o de cuyo "
        "equipo forma parte; 0 le deja ver todas (en ambos casos solo edita las suyas).",
    ),
    # command line
    "au.cli.added": ("Added {email} ({role}).", "Añadido {email} ({role})."),
    "au.cli.updated": ("Updated {email} ({role}).", "Actualizado {email} ({role})."),
    "au.cli.removed": ("Removed {email}.", "Quitado {email}."),
    "au.cli.no_user": ("No user {email}.", "No hay ningún usuario {email}."),
    "au.cli.erase_confirm": (
        "Erasing a contact cannot be undone: add --yes to confirm.",
        "Borrar un contacto no se puede deshacer: añade --yes para confirmarlo.",
    ),
    "au.cli.none": (
        "No users yet: add one with `users add EMAIL --role admin`.",
        "Aún no hay usuarios: añade uno con `users add EMAIL --role admin`.",
    ),
}
