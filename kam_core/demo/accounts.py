"""Demo Account 360 data for the demo's key accounts: our people, teams, relationship maps,
plans, actions and activities, so a new user sees full accounts on the first visit.

Deterministic (fixed seed) and dated relative to DEMO_TODAY, the day after the demo's last
quarter was closed (2026-11-22); the app itself uses the real date, so the demo ages naturally.
The top account gets a 15-person buying centre, a complete plan with progress and a few real
problems (an uncovered decision maker, an influential detractor, contacts not seen lately).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from kam_core.analytics import metrics

DEMO_TODAY = date(2026, 11, 22)
SEED = 360
USER = "demo"
TABLES = [
    "people",
    "account_team",
    "account_effort",
    "contacts",
    "contact_coverage",
    "influence_lines",
    "plan_texts",
    "plan_objectives",
    "competitors",
    "opportunities",
    "risks",
    "plan_actions",
    "section_edits",
    "activities",
]

# name, role, capacity (workload points)
PEOPLE = [
    ("Lucía Fernández", "kam", 58),
    ("Javier Ortega", "kam", 44),
    ("Marta Sánchez", "kam", 40),
    ("Daniel Romero", "kam", 48),
    ("Emma Clarke", "kam", 34),
    ("Pablo Navarro", "kam", 50),
    ("Carmen Ruiz", "executive", 12),
    ("Sergio Vidal", "technical", 20),
    ("Ana Beltrán", "service", 20),
    ("Tomás Iglesias", "technical", 20),
]
SUPPORT = ["Sergio Vidal", "Ana Beltrán", "Tomás Iglesias"]

# The top account's buying centre: (name, title, department, boss index, role, influence,
# stance, days since last contact or None)
TOP_CONTACTS = [
    (
        "Ignacio Arrieta",
        "Director General",
        "Dirección",
        None,
        "decision_maker",
        "high",
        "supporter",
        64,
    ),
    (
        "Beatriz Olano",
        "Directora Financiera",
        "Finanzas",
        0,
        "economic_buyer",
        "high",
        "neutral",
        21,
    ),
    (
        "Raúl Goikoetxea",
        "Director de Operaciones",
        "Operaciones",
        0,
        "decision_maker",
        "high",
        "champion",
        6,
    ),
    (
        "Fernando Ugalde",
        "Director de Compras",
        "Compras",
        1,
        "gatekeeper",
        "high",
        "non_supporter",
        35,
    ),
    (
        "Elena Mendizábal",
        "Directora de Tecnología",
        "Sistemas",
        0,
        "technical_evaluator",
        "medium",
        "supporter",
        18,
    ),
    ("Jon Etxeberria", "Jefe de Mantenimiento", "Operaciones", 2, "user", "medium", "champion", 9),
    ("Ainhoa Larrea", "Jefa de Flota", "Operaciones", 2, "user", "medium", "supporter", 27),
    ("Mikel Zubiri", "Jefe de Almacén Bilbao", "Operaciones", 2, "user", "low", "neutral", 131),
    (
        "Nerea Aguirre",
        "Responsable de Calidad",
        "Calidad",
        2,
        "influencer",
        "medium",
        "supporter",
        44,
    ),
    ("Patricia Solís", "Técnica de Compras", "Compras", 3, "gatekeeper", "low", "neutral", 35),
    ("Óscar Lekue", "Comprador Senior", "Compras", 3, "gatekeeper", "low", "neutral", 52),
    (
        "Iker Basterra",
        "Responsable de Sistemas",
        "Sistemas",
        4,
        "technical_evaluator",
        "medium",
        "supporter",
        15,
    ),
    ("Laura Ibáñez", "Arquitecta IT", "Sistemas", 4, "technical_evaluator", "low", "neutral", 112),
    ("Gorka Elorza", "Controller", "Finanzas", 1, "influencer", "medium", "neutral", 70),
    (
        "Itziar Bilbao",
        "Asistente de Dirección",
        "Dirección",
        0,
        "gatekeeper",
        "low",
        "supporter",
        64,
    ),
]
# (from index, to index): informal influence
TOP_INFLUENCE = [(13, 1), (5, 2), (8, 3), (14, 0)]
# (contact index, person, current level, desired level)
TOP_COVERAGE = [
    (2, "lead", "trusted", "trusted"),
    (0, "lead", "brief", "regular"),
    (5, "lead", "regular", "trusted"),
    (1, "Carmen Ruiz", "regular", "trusted"),
    (0, "Carmen Ruiz", "brief", "regular"),
    (4, "Sergio Vidal", "regular", "regular"),
    (11, "Sergio Vidal", "trusted", "trusted"),
    (6, "Ana Beltrán", "regular", "regular"),
    (3, "lead", "brief", "regular"),
    (8, "Ana Beltrán", "brief", "regular"),
]

_FIRST = [
    "Alberto",
    "María",
    "José",
    "Carmen",
    "Antonio",
    "Isabel",
    "Manuel",
    "Pilar",
    "Javier",
    "Rosa",
    "Francisco",
    "Cristina",
    "David",
    "Marta",
    "Luis",
    "Sara",
    "Miguel",
    "Elena",
    "Andrés",
    "Nuria",
    "Sofía",
    "Hugo",
    "Irene",
    "Diego",
]
_LAST = [
    "García",
    "Martínez",
    "López",
    "Gómez",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Serrano",
    "Blanco",
    "Molina",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marín",
]
# generic buying centre for other key accounts: (title, department, boss idx, role, influence)
# (the benchmark databases in bench/ give their key accounts the same one)
BUYING_CENTRE = [
    ("Director General", "Dirección", None, "decision_maker", "high"),
    ("Director Financiero", "Finanzas", 0, "economic_buyer", "high"),
    ("Director de Compras", "Compras", 1, "gatekeeper", "medium"),
    ("Director de Operaciones", "Operaciones", 0, "decision_maker", "high"),
    ("Responsable Técnico", "Ingeniería", 3, "technical_evaluator", "medium"),
    ("Jefe de Planta", "Operaciones", 3, "user", "medium"),
    ("Comprador", "Compras", 2, "gatekeeper", "low"),
    ("Responsable de Mantenimiento", "Operaciones", 3, "user", "low"),
]

# Early-warning stories (F-PA-8), by place in the demo's key-account list: a few accounts whose
# relationship decays; every other key account is kept in good order (its head known regularly,
# champions seen lately, a plan touched this season, a recent call) so the warnings stand out.
# The values drawn from the random stream are drawn as before and then adjusted, so the rest of
# the demo does not move.
NO_DECISION_MAKER = (7, 29)  # deciders known only briefly
CHAMPION_GONE = (11, 23)  # its champions left the company (archived)
CHAMPION_NOT_SEEN = (5, 17)  # champions not contacted for months
PLAN_STALE = (9, 33)  # plan untouched for half a year
NO_ACTIVITY = (13, 26)  # nothing logged for over three months
DECIDERS = ("decision_maker", "economic_buyer")
VALUE_PROPOSITION = (
    "Suministro fiable con servicio técnico cercano y condiciones revisadas cada trimestre."
)


def _ts(days_ago: float) -> datetime:
    return (
        datetime.combine(DEMO_TODAY, datetime.min.time())
        - timedelta(days=float(days_ago))
        + timedelta(hours=9)
    )


def _d(days_ago: int) -> date:
    return DEMO_TODAY - timedelta(days=int(days_ago))


def _key_accounts(cur) -> pd.DataFrame:
    """Tier A over the last 4 quarters (the app's default view) or over all quarters, ranked by
    the last 4 quarters."""

    def tier_a(since: str) -> pd.DataFrame:
        rev = cur.execute(
            "SELECT r.account_key, a.account_name, sum(r.amount) AS revenue, "
            "mode(r.kam) AS kam FROM revenue_lines r JOIN accounts a USING (account_key) "
            "WHERE r.quarter >= ? GROUP BY 1, 2",
            [since],
        ).df()
        pt = metrics.pareto_table(rev[["account_key", "account_name", "revenue"]])
        pt = pt.merge(rev[["account_key", "kam"]], on="account_key")
        return pt[pt["tier"] == "A"]

    quarters = [
        r[0]
        for r in cur.execute("SELECT DISTINCT quarter FROM revenue_lines ORDER BY 1").fetchall()
    ]
    recent, ever = tier_a(quarters[-4]), tier_a(quarters[0])
    extra = ever[~ever["account_key"].isin(recent["account_key"])]
    out = pd.concat([recent.sort_values("rank"), extra.sort_values("rank")], ignore_index=True)
    # Strategic key accounts (marked, kam_core.portfolio.tiers.seed_demo) are looked after too.
    marked = cur.execute(
        "SELECT m.account_key, a.account_name, mode(r.kam) AS kam FROM account_marks m "
        "JOIN accounts a USING (account_key) LEFT JOIN revenue_lines r USING (account_key) "
        "WHERE m.kind = 'key' AND m.removed_at IS NULL GROUP BY ALL ORDER BY m.account_key"
    ).df()
    marked = marked[~marked["account_key"].isin(out["account_key"])]
    out = pd.concat([out, marked], ignore_index=True)
    return out.reset_index(drop=True)


def _year_revenue(cur, key: str, year: int) -> float:
    return float(
        cur.execute(
            "SELECT coalesce(sum(amount), 0) FROM revenue_lines WHERE "
            "account_key = ? AND quarter LIKE ?",
            [key, f"{year}-Q%"],
        ).fetchall()[0][0]
    )


def build(cur) -> None:
    """Fill the Account 360 tables inside the demo's transaction (``cur``)."""
    rng = np.random.default_rng(SEED)
    for table in TABLES:
        cur.execute(f"DELETE FROM {table}")  # identifiers from the fixed list above
    pid = {}
    for name, role, cap in PEOPLE:
        pid[name] = cur.execute(
            "INSERT INTO people (name, role, capacity, updated_by, updated_at) VALUES "
            "(?, ?, ?, ?, ?) RETURNING person_id",
            [name, role, cap, USER, _ts(200)],
        ).fetchall()[0][0]
    ka = _key_accounts(cur)
    unassigned = set(ka["account_key"].iloc[[21, 38]]) if len(ka) > 40 else set()
    for i, a in enumerate(ka.itertuples()):
        lead = a.kam if a.kam in pid else PEOPLE[i % 6][0]
        if a.account_key not in unassigned:
            cur.execute(
                "INSERT INTO account_team VALUES (?, ?, 'lead', ?, ?)",
                [a.account_key, pid[lead], USER, _ts(150)],
            )
            helpers = ([SUPPORT[i % 3]] if i < 30 else []) + (["Carmen Ruiz"] if i < 5 else [])
            for h in helpers:
                cur.execute(
                    "INSERT INTO account_team VALUES (?, ?, 'member', ?, ?)",
                    [a.account_key, pid[h], USER, _ts(150)],
                )
        effort = 1.5 if i < 5 else (0.8 if i % 7 == 3 else 1.0)
        cur.execute(
            "INSERT INTO account_effort VALUES (?, ?, ?, ?)",
            [a.account_key, effort, USER, _ts(150)],
        )
        if i == 0:
            _top_account(cur, a.account_key, pid, lead)
        elif a.account_key not in unassigned:
            _generic_account(cur, rng, i, a.account_key, pid, lead)


def _contact(cur, key, name, title, dept, boss, role, infl, stance, last, notes=None) -> int:
    return cur.execute(
        "INSERT INTO contacts (account_key, name, title, department, reports_to, buying_role, "
        "influence, stance, last_contact, notes, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?) RETURNING contact_id",
        [key, name, title, dept, boss, role, infl, stance, last, notes, USER, _ts(12)],
    ).fetchall()[0][0]


def _edit(cur, key, year, section, days_ago, who):
    cur.execute(
        "INSERT INTO section_edits VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
        "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        [key, year, section, who, _ts(days_ago)],
    )


def _top_account(cur, key, pid, lead):
    ids = []
    for name, title, dept, boss, role, infl, stance, days in TOP_CONTACTS:
        note = {
            "Fernando Ugalde": "Prefiere al proveedor actual de recambios; exige descuentos "
            "por volumen.",
            "Raúl Goikoetxea": "Patrocina el piloto de mantenimiento predictivo.",
        }.get(name)
        ids.append(
            _contact(
                cur,
                key,
                name,
                title,
                dept,
                None if boss is None else ids[boss],
                role,
                infl,
                stance,
                _d(days) if days is not None else None,
                note,
            )
        )
    # a contact who left: archived, her report moved up automatically on the map
    gone = _contact(
        cur,
        key,
        "Rosa Etxano",
        "Directora de Logística",
        "Operaciones",
        ids[2],
        "influencer",
        "medium",
        "supporter",
        _d(240),
    )
    cur.execute(
        "UPDATE contacts SET archived_at = ?, archived_by = ? WHERE contact_id = ?",
        [_ts(200), lead, gone],
    )
    for a, b in TOP_INFLUENCE:
        cur.execute(
            "INSERT INTO influence_lines VALUES (?, ?, ?, ?)", [ids[a], ids[b], lead, _ts(30)]
        )
    for idx, who, cur_l, des_l in TOP_COVERAGE:
        person = lead if who == "lead" else who
        cur.execute(
            "INSERT INTO contact_coverage VALUES (?, ?, ?, ?, ?, ?)",
            [ids[idx], pid[person], cur_l, des_l, lead, _ts(12)],
        )
    _edit(cur, key, 0, "relationships", 12, lead)
    year = DEMO_TODAY.year
    base = _year_revenue(cur, key, year - 1)
    texts = {
        "value_proposition": "Reducir un 15 % las paradas de flota con mantenimiento predictivo "
        "y recambios garantizados en 24 h en toda la cornisa cantábrica.",
        "differentiator": "Único proveedor con técnicos propios en Bilbao, Santander y Gijón y "
        "con plataforma de telemetría integrada en su ERP.",
        "strengths": "Relación de confianza con Operaciones; piloto predictivo con buenos "
        "resultados; servicio técnico valorado.",
        "weaknesses": "Poca presencia en Finanzas y Compras; precios por encima de la media.",
        "opportunities": "Renovación de flota 2027; ampliación del contrato de mantenimiento a "
        "Asturias; formación de conductores.",
        "threats": "Compras impulsa un concurso a tres años; competidor low-cost en recambios.",
    }
    for field, content in texts.items():
        cur.execute(
            "INSERT INTO plan_texts VALUES (?, ?, ?, ?, ?, ?)",
            [key, year, field, content, lead, _ts(40)],
        )
    cur.execute(
        "INSERT INTO plan_objectives (account_key, plan_year, description, "
        "revenue_target, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        [
            key,
            year,
            f"Facturar un 10 % más que en {year - 1}",
            round(base * 1.10, -3),
            lead,
            _ts(40),
        ],
    )
    cur.execute(
        "INSERT INTO plan_objectives (account_key, plan_year, description, "
        "revenue_target, updated_by, updated_at) VALUES (?, ?, ?, NULL, ?, ?)",
        [key, year, "Firmar el contrato marco de mantenimiento a 3 años", lead, _ts(40)],
    )
    for name, sow, threat, notes in [
        ("Recambios Norte S.A.", 0.25, "high", "Precio bajo en recambios; apoyado por Compras."),
        ("TransService Ibérica", 0.15, "medium", "Servicio de taller en Asturias."),
        ("Grupo Mecánico Vasco", 0.08, "low", "Solo consumibles."),
    ]:
        cur.execute(
            "INSERT INTO competitors (account_key, plan_year, name, share_of_wallet, "
            "threat, notes, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [key, year, name, sow, threat, notes, lead, _ts(55)],
        )
    for name, value, stage, q in [
        ("Contrato marco de mantenimiento 2027-2029", 1_800_000, "proposal", f"{year}-Q4"),
        ("Telemetría para la flota de Asturias", 420_000, "qualified", f"{year + 1}-Q1"),
        ("Formación de conductores", 65_000, "won", f"{year}-Q3"),
    ]:
        cur.execute(
            "INSERT INTO opportunities (account_key, plan_year, name, value, stage, "
            "expected_quarter, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [key, year, name, value, stage, q, lead, _ts(20)],
        )
    for desc, impact, mitigation in [
        (
            "Concurso de Compras a tres años centrado en precio",
            "high",
            "Presentar el coste total de propiedad a Finanzas antes del concurso.",
        ),
        (
            "Dependencia de un único patrocinador (Operaciones)",
            "medium",
            "Construir relación regular con el Director General y la Directora Financiera.",
        ),
    ]:
        cur.execute(
            "INSERT INTO risks (account_key, plan_year, description, impact, mitigation, "
            "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [key, year, desc, impact, mitigation, lead, _ts(120)],
        )
    for desc, owner, due, status in [
        ("Presentar el caso de coste total a la Directora Financiera", lead, -10, "open"),
        ("Reunión trimestral de negocio con el Director General", lead, 18, "open"),
        ("Informe de resultados del piloto predictivo", "Sergio Vidal", -40, "done"),
        ("Propuesta de telemetría para Asturias", "Sergio Vidal", 35, "in_progress"),
        ("Visita a la planta de Gijón con Calidad", "Ana Beltrán", 9, "open"),
        ("Revisar condiciones del contrato marco con Jurídico", "Carmen Ruiz", -3, "open"),
    ]:
        cur.execute(
            "INSERT INTO plan_actions (account_key, plan_year, description, owner, "
            "due_date, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [key, year, desc, owner, _d(-due), status, lead, _ts(8)],
        )
    for section, days in [
        ("objectives", 40),
        ("value_proposition", 40),
        ("swot", 40),
        ("competitors", 55),
        ("opportunities", 20),
        ("risks", 120),
        ("actions", 8),
    ]:
        _edit(cur, key, year, section, days, lead)
    for kind, subject, opened, resp, res, who in [
        ("meeting", "Revisión trimestral de negocio", 64, None, None, lead),
        ("meeting", "Resultados del piloto predictivo", 20, None, None, "Sergio Vidal"),
        ("call", "Seguimiento de la propuesta de telemetría", 6, None, None, lead),
        ("request", "Oferta de recambios para 40 camiones", 48, 47, 41, lead),
        ("request", "Certificados de calidad de pastillas de freno", 30, 28, 23, "Ana Beltrán"),
        ("problem", "Retraso en entrega de recambios en Gijón", 75, 74, 68, "Ana Beltrán"),
        ("problem", "Error de facturación de septiembre", 12, 11, None, lead),
        (
            "request",
            "Formación adicional para el taller de Santander",
            5,
            None,
            None,
            "Ana Beltrán",
        ),
    ]:
        cur.execute(
            "INSERT INTO activities (account_key, kind, subject, opened_on, responded_on, "
            "resolved_on, person, notes, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
            "?, NULL, ?, ?)",
            [
                key,
                kind,
                subject,
                _d(opened),
                None if resp is None else _d(resp),
                None if res is None else _d(res),
                who,
                lead,
                _ts(min(opened, 5)),
            ],
        )


def _generic_account(cur, rng, i, key, pid, lead):
    n = int(np.clip(8 - i // 10, 2, 8)) if i < 60 else int(rng.integers(1, 4))
    ids: list[int] = []
    used = set()
    for j in range(n):
        title, dept, boss, role, infl = BUYING_CENTRE[j]
        while True:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if name not in used:
                used.add(name)
                break
        stance = str(
            rng.choice(
                ["champion", "supporter", "neutral", "non_supporter", "enemy"],
                p=[0.2, 0.35, 0.3, 0.1, 0.05],
            )
        )
        days = int(rng.integers(3, 200))
        stance, days = _story_stance(i, j, stance, days)
        boss_id = ids[boss] if boss is not None and boss < len(ids) else None
        ids.append(_contact(cur, key, name, title, dept, boss_id, role, infl, stance, _d(days)))
        level = str(rng.choice(["none", "brief", "regular", "trusted"], p=[0.1, 0.25, 0.45, 0.2]))
        level = _story_level(i, j, role, level)
        if level != "none":
            cur.execute(
                "INSERT INTO contact_coverage VALUES (?, ?, ?, ?, ?, ?)",
                [
                    ids[-1],
                    pid[lead],
                    level,
                    "regular" if level == "brief" else level,
                    lead,
                    _ts(30),
                ],
            )
    map_age = int(rng.integers(5, 150))
    _edit(cur, key, 0, "relationships", map_age, lead)
    year = DEMO_TODAY.year
    if i < 40:
        base = _year_revenue(cur, key, year - 1)
        growth = float(rng.choice([0.05, 0.08, 0.1, 0.15]))
        cur.execute(
            "INSERT INTO plan_objectives (account_key, plan_year, description, "
            "revenue_target, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                key,
                year,
                f"Crecer un {int(growth * 100)} % sobre {year - 1}",
                round(base * (1 + growth), -3),
                lead,
                _ts(map_age),
            ],
        )
        _edit(cur, key, year, "objectives", _plan_age(i, int(rng.integers(10, 200))), lead)
        for k in range(int(rng.integers(1, 4))):
            due = int(rng.integers(-30, 60))
            status = str(rng.choice(["open", "in_progress", "done"], p=[0.5, 0.2, 0.3]))
            cur.execute(
                "INSERT INTO plan_actions (account_key, plan_year, description, owner, "
                "due_date, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    key,
                    year,
                    [
                        "Reunión de revisión de cuenta",
                        "Enviar propuesta anual",
                        "Visita técnica a planta",
                    ][k],
                    lead,
                    _d(-due),
                    status,
                    lead,
                    _ts(20),
                ],
            )
        _edit(cur, key, year, "actions", _plan_age(i, int(rng.integers(5, 120))), lead)
    _story_plan_and_people(cur, i, key, year, lead)
    for _ in range(int(rng.integers(0, 4))):
        kind = str(rng.choice(["meeting", "call", "request", "problem"], p=[0.35, 0.3, 0.2, 0.15]))
        opened = int(rng.integers(3, 150))
        opened = 100 + opened % 80 if i in NO_ACTIVITY else opened
        resp = opened - int(rng.integers(0, 4)) if kind in ("request", "problem") else None
        res = resp - int(rng.integers(0, 10)) if resp is not None and rng.random() < 0.7 else None
        cur.execute(
            "INSERT INTO activities (account_key, kind, subject, opened_on, responded_on, "
            "resolved_on, person, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?)",
            [
                key,
                kind,
                {
                    "meeting": "Reunión de seguimiento",
                    "call": "Llamada comercial",
                    "request": "Solicitud de oferta",
                    "problem": "Incidencia en entrega",
                }[kind],
                _d(opened),
                None if resp is None else _d(max(resp, 0)),
                None if res is None else _d(max(res, 0)),
                lead,
                lead,
                _ts(opened),
            ],
        )


# ---------------------------------------------------------------- early-warning stories
def _story_stance(i: int, j: int, stance: str, days: int) -> tuple[str, int]:
    """A contact's stance and days since last contact, after the account's story."""
    if i in CHAMPION_NOT_SEEN + CHAMPION_GONE and j == 1:
        stance = "champion"
    if stance != "champion":
        return stance, days
    return stance, (120 + days % 60) if i in CHAMPION_NOT_SEEN else (3 + days % 60)


def _story_level(i: int, j: int, role: str, level: str) -> str:
    """Our level with a contact: deciders known briefly in the no-decision-maker story; else the
    head of the account (first contact) known at least regularly."""
    if i in NO_DECISION_MAKER and role in DECIDERS:
        return "brief"
    if j == 0 and level in ("none", "brief"):
        return "regular"
    return level


def _plan_age(i: int, days: int) -> int:
    return 150 + days % 40 if i in PLAN_STALE else days


def _story_plan_and_people(cur, i: int, key: str, year: int, lead: str) -> None:
    """Every key account's value proposition (recent, or half a year old in the stale-plan
    story), a recent call unless the account's story is silence, and archived champions in the
    champion-gone story."""
    age = 160 + i % 30 if i in PLAN_STALE else 15 + (i * 29) % 60
    cur.execute(
        "INSERT INTO plan_texts VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [key, year, "value_proposition", VALUE_PROPOSITION, lead, _ts(age)],
    )
    _edit(cur, key, year, "value_proposition", age, lead)
    if i not in NO_ACTIVITY:
        opened = 4 + (i * 11) % 60
        cur.execute(
            "INSERT INTO activities (account_key, kind, subject, opened_on, person, updated_by, "
            "updated_at) VALUES (?, 'call', 'Llamada de seguimiento', ?, ?, ?, ?)",
            [key, _d(opened), lead, lead, _ts(opened)],
        )
    if i in CHAMPION_GONE:
        cur.execute(
            "UPDATE contacts SET archived_at = ?, archived_by = ? "
            "WHERE account_key = ? AND stance = 'champion'",
            [_ts(45), lead, key],
        )
