"""Large synthetic portfolios for the benchmarks (generated on demand, never committed).

``lines(n_lines, n_accounts, quarters)`` is vectorised and deterministic: a Zipf-like revenue
distribution over accounts, dates spread over the quarters, a few credit notes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PRODUCT_LINES = np.array(
    ["Equipos", "Recambios", "Servicios", "Software", "Consumibles", "Formación"]
)
REGIONS = np.array(["Norte", "Centro", "Levante", "Sur", "Cataluña", "Export"])
SEGMENTS = np.array(["Industria", "Retail", "Salud", "Sector público", "Energía"])
KAMS = np.array(
    [
        "Lucía Fernández",
        "Javier Ortega",
        "Marta Sánchez",
        "Daniel Romero",
        "Emma Clarke",
        "Pablo Navarro",
        "Ana Torres",
        "Luis Gil",
    ]
)


def lines(
    n_lines: int = 1_000_000, n_accounts: int = 20_000, n_quarters: int = 8, seed: int = 7
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    weights = np.arange(1, n_accounts + 1) ** -0.9
    weights /= weights.sum()
    acc = rng.choice(n_accounts, n_lines, p=weights)
    acc[:n_accounts] = np.arange(n_accounts)  # every account appears at least once
    start = np.datetime64("2024-10-01")
    days = rng.integers(0, n_quarters * 91, n_lines)
    dates = start + days.astype("timedelta64[D]")
    amount = np.round(rng.lognormal(6, 1.1, n_lines), 2)
    credit = rng.random(n_lines) < 0.02
    amount[credit] = -np.round(amount[credit] * 0.3, 2)
    return pd.DataFrame(
        {
            "account_id": np.char.add("CL", acc.astype(str)),
            "account_name": np.char.add("Cliente ", acc.astype(str)),
            "date": dates,
            "amount": amount,
            "product_line": PRODUCT_LINES[acc % len(PRODUCT_LINES)],
            "region": REGIONS[acc % len(REGIONS)],
            "segment": SEGMENTS[acc % len(SEGMENTS)],
            "kam": KAMS[acc % len(KAMS)],
        }
    )


def quarter(dates: pd.Series) -> pd.Series:
    d = pd.to_datetime(dates)
    return d.dt.year.astype(str) + "-Q" + d.dt.quarter.astype(str)


def write_csv(df: pd.DataFrame, path, spanish: bool = False) -> None:
    """English export (``,`` ISO dates, decimal point) or Spanish (``;``, dd/mm/yyyy, decimal
    comma, latin-1, Spanish headers)."""
    if spanish:
        out = pd.DataFrame(
            {
                "Código cliente": df["account_id"],
                "Razón social": df["account_name"],
                "Fecha factura": pd.to_datetime(df["date"]).dt.strftime("%d/%m/%Y"),
                "Importe": df["amount"].map(lambda v: f"{v:.2f}".replace(".", ",")),
                "Línea de producto": df["product_line"],
                "Zona": df["region"],
                "Segmento": df["segment"],
                "Comercial": df["kam"],
            }
        )
        out.to_csv(path, sep=";", index=False, encoding="latin-1")
    else:
        out = df.rename(
            columns={
                "account_id": "Customer ID",
                "account_name": "Customer Name",
                "date": "Order Date",
                "amount": "Sales",
                "product_line": "Product Line",
                "region": "Region",
                "segment": "Segment",
                "kam": "Sales Rep",
            }
        )
        out.to_csv(path, index=False, date_format="%Y-%m-%d")


def load_db(con, df: pd.DataFrame) -> None:
    """Insert straight into revenue_lines/accounts (bypassing intake) for query benchmarks."""
    from kam_core.store import db

    lines_df = pd.DataFrame(
        {
            "batch_id": 1,
            "source_row": np.arange(2, len(df) + 2),
            "account_key": df["account_id"],
            "line_date": pd.to_datetime(df["date"]),
            "quarter": quarter(df["date"]),
            "amount": df["amount"],
            "product_line": df["product_line"],
            "region": df["region"],
            "segment": df["segment"],
            "kam": df["kam"],
        }
    )
    accounts = df[["account_id", "account_name"]].drop_duplicates("account_id")
    with db.transaction(con) as cur:
        cur.register("b_lines", lines_df)
        cur.register("b_acc", accounts)
        cur.execute(
            "INSERT INTO accounts (account_key, account_name, account_id, created_at) "
            "SELECT account_id, account_name, account_id, now() FROM b_acc"
        )
        cur.execute(
            db.copy_lines_sql(
                "b_lines",
                [
                    "batch_id",
                    "source_row",
                    "account_key",
                    "line_date",
                    "quarter",
                    "amount",
                    "product_line",
                    "region",
                    "segment",
                    "kam",
                ],
            )
        )
        db.bump_data_version(cur)
