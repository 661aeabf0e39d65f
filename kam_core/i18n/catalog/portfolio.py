"""Portfolio page, filter bar and portfolio charts."""

STRINGS = {
    # filter bar
    "flt.title": ("Filters", "Filtros"),
    "flt.url_reversed": (
        "The link's period is reversed ({q_from} comes after {q_to}); showing the last four quarters instead.",
        "El periodo del enlace está al revés ({q_from} es posterior a {q_to}); se muestran los cuatro últimos trimestres.",
    ),
    "flt.url_empty": (
        "There is no data between {q_from} and {q_to}; showing the last four quarters instead.",
        "No hay datos entre {q_from} y {q_to}; se muestran los cuatro últimos trimestres.",
    ),
    "flt.incomplete": (
        "(incomplete: no data yet for {missing})",
        "(incompleto: aún sin datos de {missing})",
    ),
    "flt.period": ("Period", "Periodo"),
    "flt.preset.quarter": ("Quarter", "Trimestre"),
    "flt.preset.year": ("Year", "Año"),
    "flt.preset.trailing4": ("Last 4 quarters", "Últimos 4 trimestres"),
    "flt.preset.all": ("All quarters", "Todos los trimestres"),
    "flt.preset.custom": ("Custom range", "Rango personalizado"),
    "flt.quarter": ("Quarter", "Trimestre"),
    "flt.ending": ("Ending with quarter", "Hasta el trimestre"),
    "flt.year": ("Year", "Año"),
    "flt.range": ("From – to", "Desde – hasta"),
    "flt.more": ("Product line, region, segment, KAM", "Línea de producto, región, segmento, KAM"),
    "flt.dim.product_line": ("Product line", "Línea de producto"),
    "flt.dim.region": ("Region", "Región"),
    "flt.dim.segment": ("Segment", "Segmento"),
    "flt.dim.kam": ("KAM", "KAM"),
    "flt.all": ("All", "Todos"),
    # portfolio page
    "pa.title": ("Portfolio", "Cartera de clientes"),
    "pa.period": ("Period: {period}", "Periodo: {period}"),
    "pa.filtered": ("Filtered: {what}", "Filtrado: {what}"),
    "pa.kpi.revenue": ("Revenue", "Facturación"),
    "pa.kpi.revenue.help": (
        "Net revenue of the period: invoices minus credit notes, all accounts.",
        "Facturación neta del periodo: facturas menos abonos, todas las cuentas.",
    ),
    "pa.kpi.accounts": ("Accounts", "Cuentas"),
    "pa.kpi.accounts.help": (
        "Accounts with positive net revenue in the period ({np} more with zero or negative).",
        "Cuentas con facturación neta positiva en el periodo ({np} más con cero o negativa).",
    ),
    "pa.kpi.to80": ("Accounts making {pct}", "Cuentas que suman el {pct}"),
    "pa.kpi.to80.value": ("{k} ({share})", "{k} ({share})"),
    "pa.kpi.to80.help": (
        "The fewest accounts, largest first, whose revenue reaches {pct} of the total: tier A.",
        "El menor número de cuentas, de mayor a menor, cuya facturación alcanza el {pct} del "
        "total: el nivel A.",
    ),
    "pa.headline": (
        "**{k} accounts ({share} of accounts) make {pct} of revenue.**",
        "**{k} cuentas ({share} de las cuentas) suman el {pct} de la facturación.**",
    ),
    "pa.headline.one": (
        "**1 account ({share} of accounts) makes {pct} of revenue.**",
        "**1 cuenta ({share} de las cuentas) suma el {pct} de la facturación.**",
    ),
    "pa.no_positive": (
        "No account has positive revenue in this selection. Widen the period or the filters.",
        "Ninguna cuenta tiene facturación positiva en esta selección. Amplíe el periodo o los "
        "filtros.",
    ),
    # charts
    "pa.chart.pareto_title": ("Pareto: revenue by account", "Pareto: facturación por cuenta"),
    "pa.chart.revenue": ("Revenue ({currency})", "Facturación ({currency})"),
    "pa.chart.share": ("Share", "Participación"),
    "pa.chart.cum_share": ("Cumulative share", "Participación acumulada"),
    "pa.chart.tier": ("Tier", "Nivel"),
    "pa.chart.avg_revenue": ("Average revenue per account", "Facturación media por cuenta"),
    "pa.chart.n_accounts": ("{n} accounts", "{n} cuentas"),
    "pa.chart.reached": (
        "{pct} of revenue reached at account #{k} of {n} ({acc_pct} of accounts)",
        "{pct} de la facturación alcanzado en la cuenta n.º {k} de {n} ({acc_pct} de las cuentas)",
    ),
    "pa.chart.threshold": ("{pct} of revenue", "{pct} de la facturación"),
    "pa.chart.x": ("Accounts, largest first (rank)", "Cuentas, de mayor a menor (posición)"),
    "pa.chart.y": ("Revenue ({currency})", "Facturación ({currency})"),
    "pa.chart.y2": ("Cumulative share of revenue", "Participación acumulada en la facturación"),
    "pa.kpi.vs_prev": ("{pct} vs {period}", "{pct} frente a {period}"),
    "pa.kpi.no_prev": (
        "No comparable earlier period loaded",
        "No hay un periodo anterior comparable cargado",
    ),
    # risk
    "pa.risk.major": (
        "{name} makes {share} of revenue, above the {pct} major-customer threshold: losing it "
        "would hit the year.",
        "{name} supone el {share} de la facturación, por encima del umbral de cliente principal "
        "del {pct}: perderla afectaría al año.",
    ),
    "pa.risk.hhi_moderate": (
        "Moderately concentrated portfolio: HHI {hhi}, like having {eff} equal accounts.",
        "Cartera moderadamente concentrada: IHH {hhi}, como tener {eff} cuentas iguales.",
    ),
    "pa.risk.hhi_high": (
        "Highly concentrated portfolio: HHI {hhi}, like having only {eff} equal accounts.",
        "Cartera muy concentrada: IHH {hhi}, como tener solo {eff} cuentas iguales.",
    ),
    # tabs
    "pa.tab.pareto": ("Pareto 80/20", "Pareto 80/20"),
    "pa.tab.concentration": ("Concentration", "Concentración"),
    "pa.tab.trend": ("Quarterly trend", "Evolución trimestral"),
    "pa.tab.bridge": ("Revenue bridge", "Puente de facturación"),
    "pa.tab.whitespace": ("Whitespace", "Venta cruzada"),
    "pa.tab.whatif": ("What if we lose…", "Y si perdemos…"),
    "pa.tier.A": ("Tier A accounts", "Cuentas de nivel A"),
    "pa.tier.B": ("Tier B accounts", "Cuentas de nivel B"),
    "pa.tier.C": ("Tier C accounts", "Cuentas de nivel C"),
    "pa.tier.help": (
        "They make {share} of positive revenue.",
        "Suman el {share} de la facturación positiva.",
    ),
    "pa.tier.caption": ("{share} of revenue", "{share} de la facturación"),
    # concentration
    "pa.conc.gini": ("Gini", "Gini"),
    "pa.conc.gini.help": (
        "0 = every account buys the same; close to 1 = a few accounts buy almost everything.",
        "0 = todas las cuentas compran lo mismo; cerca de 1 = unas pocas cuentas compran casi "
        "todo.",
    ),
    "pa.conc.hhi": ("HHI", "IHH"),
    "pa.conc.hhi.help": (
        "Herfindahl-Hirschman index, 0-10,000: sum of squared revenue shares. Moderate from "
        "{moderate}, high from {high}.",
        "Índice Herfindahl-Hirschman, 0-10.000: suma de las participaciones al cuadrado. "
        "Moderado desde {moderate}, alto desde {high}.",
    ),
    "pa.conc.effective": ("Effective number of accounts", "Número efectivo de cuentas"),
    "pa.conc.effective.help": (
        "1 / HHI: how many equal-sized accounts would give the same concentration.",
        "1 / IHH: cuántas cuentas del mismo tamaño darían la misma concentración.",
    ),
    "pa.conc.band": ("Concentration", "Concentración"),
    "pa.conc.band.low": ("Low", "Baja"),
    "pa.conc.band.moderate": ("Moderate", "Moderada"),
    "pa.conc.band.high": ("High", "Alta"),
    "pa.conc.top": ("Top {n} share", "Peso de las {n} primeras"),
    "pa.conc.top1": ("Largest account's share", "Peso de la primera cuenta"),
    "pa.curve.title": (
        "Share of revenue by share of accounts",
        "Facturación acumulada según el porcentaje de cuentas",
    ),
    "pa.curve.x": ("Share of accounts, largest first", "Porcentaje de cuentas, de mayor a menor"),
    "pa.curve.hover": (
        "%{x:.1%} of accounts make %{y:.1%} of revenue",
        "El %{x:.1%} de las cuentas suma el %{y:.1%} de la facturación",
    ),
    "pa.curve.point": ("{k} accounts ({share}) → {pct}", "{k} cuentas ({share}) → {pct}"),
    "pa.lorenz.title": ("Lorenz curve · Gini {gini}", "Curva de Lorenz · Gini {gini}"),
    "pa.lorenz.x": ("Share of accounts, smallest first", "Porcentaje de cuentas, de menor a mayor"),
    "pa.lorenz.y": ("Cumulative share of revenue", "Participación acumulada en la facturación"),
    "pa.lorenz.curve": ("Lorenz curve", "Curva de Lorenz"),
    "pa.lorenz.equality": ("Perfect equality", "Igualdad perfecta"),
    "pa.lorenz.hover": (
        "The smallest %{x:.1%} of accounts make %{y:.1%} of revenue",
        "El %{x:.1%} de cuentas más pequeñas suma el %{y:.1%} de la facturación",
    ),
    # trend
    "pa.trend.title": (
        "Revenue and active accounts per quarter",
        "Facturación y cuentas activas por trimestre",
    ),
    "pa.trend.x": ("Quarter", "Trimestre"),
    "pa.trend.accounts": ("Active accounts", "Cuentas activas"),
    "pa.trend.qoq": ("vs previous quarter", "vs. trimestre anterior"),
    "pa.trend.yoy": ("vs same quarter last year", "vs. mismo trimestre del año anterior"),
    "pa.trend.caption": (
        "All quarters with data (product line, region, segment and KAM filters apply).",
        "Todos los trimestres con datos (se aplican los filtros de línea de producto, región, "
        "segmento y KAM).",
    ),
    "pa.movers.title": ("{after} versus {before}", "{after} frente a {before}"),
    "pa.movers.no_previous": (
        "No data for the previous period ({period}): growers, decliners, won and lost accounts "
        "need it.",
        "No hay datos del periodo anterior ({period}): hacen falta para ver qué cuentas crecen, "
        "caen, se ganan o se pierden.",
    ),
    "pa.movers.up": ("**Top growers**", "**Las que más crecen**"),
    "pa.movers.down": ("**Top decliners**", "**Las que más caen**"),
    "pa.won": ("**Accounts won: {n}** ({rev})", "**Cuentas ganadas: {n}** ({rev})"),
    "pa.lost": ("**Accounts lost: {n}** ({rev} before)", "**Cuentas perdidas: {n}** ({rev} antes)"),
    "pa.col.quarter": ("Quarter", "Trimestre"),
    "pa.col.revenue": ("Revenue", "Facturación"),
    "pa.col.account": ("Account", "Cuenta"),
    "pa.col.before": ("Before", "Antes"),
    "pa.col.after": ("Now", "Ahora"),
    "pa.col.delta": ("Change", "Variación"),
    "pa.col.growth": ("Growth", "Crecimiento"),
    "pa.col.product_line": ("Product line", "Línea de producto"),
    "pa.col.tier_before": ("Tier now", "Nivel actual"),
    "pa.col.tier_after": ("Tier without it", "Nivel sin ella"),
    # bridge
    "pa.bridge.title": ("Revenue bridge", "Puente de facturación"),
    "pa.bridge.start_q": ("Compare the period ending", "Comparar el periodo que termina en"),
    "pa.bridge.start_q.help": (
        "Both periods have the length of the selected range.",
        "Ambos periodos tienen la duración del rango seleccionado.",
    ),
    "pa.bridge.end_q": ("with the period ending", "con el periodo que termina en"),
    "pa.bridge.caption": (
        "{n}-quarter periods: {start} → {end}. Start + new + growth − decline − lost = end.",
        "Periodos de {n} trimestres: {start} → {end}. Inicio + nuevas + crecimiento − caída − "
        "perdidas = final.",
    ),
    "pa.bridge.start": ("Start", "Inicio"),
    "pa.bridge.new": ("New accounts", "Cuentas nuevas"),
    "pa.bridge.growth": ("Growth", "Crecimiento"),
    "pa.bridge.decline": ("Decline", "Caída"),
    "pa.bridge.lost": ("Lost accounts", "Cuentas perdidas"),
    "pa.bridge.end": ("End", "Final"),
    "pa.bridge.net_change": ("Net change", "Variación neta"),
    "pa.bridge.nrr": ("Net revenue retention", "Retención neta de ingresos"),
    "pa.bridge.nrr.help": (
        "Revenue now of the accounts we had at the start, over their start revenue (new "
        "accounts left out). Above 100% = existing accounts grow.",
        "Facturación actual de las cuentas que ya teníamos, sobre su facturación inicial (sin "
        "las nuevas). Más del 100 % = las cuentas existentes crecen.",
    ),
    "pa.bridge.grr": ("Gross revenue retention", "Retención bruta de ingresos"),
    "pa.bridge.grr.help": (
        "Like NRR but growth is not counted: only what we kept (at most 100%).",
        "Como la retención neta, pero sin contar el crecimiento: solo lo que conservamos "
        "(máximo 100 %).",
    ),
    "pa.bridge.new_lost": ("Accounts won / lost", "Cuentas ganadas / perdidas"),
    "pa.bridge.by": ("Break down by", "Desglosar por"),
    "pa.bridge.by.tier": ("Tier at the start", "Nivel al inicio"),
    "pa.bridge.by.kam": ("KAM", "KAM"),
    "pa.bridge.group_new": ("New", "Nuevas"),
    # whitespace
    "pa.ws.title": (
        "Key accounts × product lines (revenue; blank = not bought)",
        "Cuentas clave × líneas de producto (facturación; en blanco = no compra)",
    ),
    "pa.ws.caption": (
        "Blank cells are the whitespace: product lines a key account does not buy from us yet.",
        "Las celdas en blanco son la oportunidad: líneas de producto que una cuenta clave aún no "
        "nos compra.",
    ),
    "pa.ws.no_products": (
        "The data has no product lines, so there is no whitespace to show.",
        "Los datos no tienen líneas de producto, así que no hay venta cruzada que mostrar.",
    ),
    "pa.ws.gaps": (
        "Cross-sell gaps, largest first",
        "Oportunidades de venta cruzada, de mayor a menor",
    ),
    "pa.ws.gaps.caption": (
        "Estimated potential = the account's revenue × the line's median share in the purchases "
        "of peer accounts (same segment) that buy it × the share of peers that buy it: what a "
        "typical peer of its size buys of that line.",
        "Potencial estimado = facturación de la cuenta × peso mediano de la línea en las compras "
        "de las cuentas similares (mismo segmento) que la compran × porcentaje de similares que "
        "la compran: lo que compra de esa línea una cuenta similar de su tamaño.",
    ),
    "pa.ws.penetration": ("Peers buying it", "Similares que la compran"),
    "pa.ws.peer_share": ("Share in peers' purchases", "Peso en las compras de similares"),
    "pa.ws.potential": ("Estimated potential", "Potencial estimado"),
    # what if
    "pa.whatif.pick": ("Account", "Cuenta"),
    "pa.whatif.headline": (
        "Losing **{name}** puts **{rev}** ({share} of revenue) at risk.",
        "Perder **{name}** pone en riesgo **{rev}** ({share} de la facturación).",
    ),
    "pa.whatif.at_risk": ("Revenue at risk", "Facturación en riesgo"),
    "pa.whatif.kam": (
        "{kam}: {n} key accounts → {n_after}; portfolio {rev} → {rev_after} ({share} of it at "
        "risk).",
        "{kam}: {n} cuentas clave → {n_after}; cartera de {rev} → {rev_after} ({share} en riesgo).",
    ),
    "pa.whatif.shifts": (
        "Tier changes of the other accounts: {n}",
        "Cambios de nivel en las demás cuentas: {n}",
    ),
}
