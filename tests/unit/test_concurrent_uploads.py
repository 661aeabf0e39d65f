"""Two users uploading at once (PRODUCT.md section 10): nothing is lost or doubled."""

import threading

from kam_core import ingest
from kam_core.common.errors import CarteraError
from kam_core.portfolio.report import report
from kam_core.store import db


def _csv(rows):
    return ("Cliente;Fecha;Importe\n" + "".join(f"{a};{d};{v}\n" for a, d, v in rows)).encode()


def _race(con, jobs):
    """Run the commits together; return (results, errors) in job order."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        try:
            results[i] = job()
        except CarteraError as exc:
            errors[i] = exc

    threads = [threading.Thread(target=run, args=(i, j)) for i, j in enumerate(jobs)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    return results, errors


def test_same_file_at_once_is_loaded_once(con):
    data = _csv([("Acme", "01/02/2025", "100,00"), ("Beta", "03/02/2025", "50,00")])
    p1, p2 = ingest.prepare(data, "a.csv", con), ingest.prepare(data, "a.csv", con)
    results, errors = _race(
        con, [lambda: ingest.commit(con, [p1]), lambda: ingest.commit(con, [p2])]
    )
    assert sum(r is not None for r in results) == 1
    assert sum(e is not None for e in errors) == 1
    assert db.scalar(con, "SELECT count(*) FROM batches WHERE status = 'active'") == 1
    assert report(con)["total_revenue"] == 150.0


def test_different_quarters_at_once_both_land(con):
    q1 = ingest.prepare(_csv([("Acme", "01/02/2025", "100,00")]), "q1.csv", con)
    q2 = ingest.prepare(_csv([("Acme", "01/05/2025", "70,00")]), "q2.csv", con)
    results, errors = _race(
        con, [lambda: ingest.commit(con, [q1]), lambda: ingest.commit(con, [q2])]
    )
    assert errors == [None, None]
    assert report(con)["quarters"] == {"2025-Q1": 100.0, "2025-Q2": 70.0}
