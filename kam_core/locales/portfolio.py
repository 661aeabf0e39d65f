"""Portfolio page, filter bar and portfolio charts."""

STRINGS = {
    # filter bar
    "flt.title": ("Filters", "Filtros"),
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
    "pa.chart.revenue": ("Revenue", "Facturación"),
    "pa.chart.share": ("Share", "Participación"),
    "pa.chart.cum_share": ("Cumulative share", "Participación acumulada"),
    "pa.chart.tier": ("Tier", "Nivel"),
    "pa.chart.others": ("All others ({n})", "Resto ({n})"),
    "pa.chart.others_legend": ("All other accounts", "Resto de cuentas"),
    "pa.chart.threshold": ("{pct} of revenue", "{pct} de la facturación"),
    "pa.chart.reached_at": (" — reached at account #{k}", " — alcanzado en la cuenta n.º {k}"),
    "pa.chart.x": ("Accounts, largest first (rank)", "Cuentas, de mayor a menor (posición)"),
    "pa.chart.y": ("Revenue", "Facturación"),
    "pa.chart.y2": ("Cumulative share of revenue", "Participación acumulada en la facturación"),
}
