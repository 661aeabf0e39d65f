"""Plotly figure -> PNG bytes, drawn by kaleido 1.x in the system Chromium.

Starting Chromium costs ~2-3 s; an image in an open browser ~0.2 s. So a deck or a pack opens
one browser for all its charts::

    with image_session():
        pngs = [png(f, **SLIDE_CHART) for f in figures]

``png`` outside a session opens and closes a browser for that one image. A deck that still has
figures to read opens its session with ``image_session(background=True)``: Chromium starts in a
thread meanwhile, and the first ``png`` waits for it.

Why not ``kaleido.start_sync_server()``: its server is a process-wide singleton fed through two
unnamed queues, so two Streamlit sessions exporting at once could receive each other's images,
and if the browser dies its ``call_function`` waits forever. Here the same public ``Kaleido``
class runs on an event loop in a thread of our own; every call gets its own future (no mix-up)
and a timeout. Sessions are reference-counted: concurrent or nested ``image_session`` blocks
share one browser, and the last one out closes it.

The figure is drawn as given (its template and colours are the ones on screen); only width,
height and scale are set here. MathJax is off: it would be fetched from a CDN, and this runs
offline.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from choreographer.browsers.chromium import Chromium  # kaleido's own browser search

from kam_core.reports import ReportError

if TYPE_CHECKING:
    import kaleido

# Sizes that read well where the image goes: the layout size decides how large the figure's text
# (13 px in the app's charts) ends up. On a slide's image area (12.1 x 5.3 in) 800 px wide gives
# ~14 pt; on an A4 landscape page (269 mm wide) 900 px gives ~11 pt. Scale 2 keeps it sharp.
SLIDE_CHART = {"width": 800, "height": 352, "scale": 2}
PAGE_CHART = {"width": 900, "height": 450, "scale": 2}

TIMEOUT_S = 90  # one image; kaleido's own per-image timeout is the same
START_TIMEOUT_S = 60  # starting the browser

__all__ = [
    "PAGE_CHART",
    "SLIDE_CHART",
    "ReportError",
    "chromium_found",
    "image_session",
    "png",
    "session_open",
]


class _Browser:
    """One kaleido/Chromium on its own asyncio loop in a daemon thread."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="cartera-kaleido", daemon=True
        )
        self._thread.start()
        try:
            self._kaleido = self._call(self._open(), START_TIMEOUT_S)
        except BaseException:
            self._stop_loop()
            raise

    async def _open(self) -> kaleido.Kaleido:
        # Imported on first use: kaleido is only needed when a file is built, and a page that
        # merely shows the export buttons must not pay its import (tests/app/test_page_caching).
        import kaleido
        from kaleido.errors import ChromeNotFoundError

        try:
            k = kaleido.Kaleido(n=1, mathjax=False)
        except ChromeNotFoundError:
            raise ReportError(
                "rep.err.no_chromium", path=os.environ.get("BROWSER_PATH") or "PATH"
            ) from None
        await k.open()
        return k

    def _call(self, coro, timeout: float):
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise ReportError("rep.err.image_timeout", seconds=int(timeout)) from None
        except ReportError:
            raise
        except Exception as exc:  # kaleido's JavascriptError, BrowserFailedError...
            raise ReportError(
                "rep.err.image_failed", reason=str(exc) or type(exc).__name__
            ) from exc

    def render(self, fig: dict, width: int, height: int, scale: float) -> bytes:
        opts = {"format": "png", "width": width, "height": height, "scale": scale}
        return self._call(self._kaleido.calc_fig(fig, opts=opts), TIMEOUT_S)

    def close(self) -> None:
        try:
            self._call(self._kaleido.close(), START_TIMEOUT_S)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


_lock = threading.Lock()
_browser: concurrent.futures.Future | None = None  # the session's browser, started or starting
_users = 0


def _start(future: concurrent.futures.Future) -> None:
    try:
        future.set_result(_Browser())
    except BaseException as exc:  # ReportError (no Chromium), a timeout...: for png to raise
        future.set_exception(exc)


def _close(future: concurrent.futures.Future) -> None:
    try:
        browser = future.result()  # a background start still under way is waited for
    except BaseException:  # noqa: BLE001 - it never started: nothing to close
        return
    browser.close()


@contextmanager
def image_session(background: bool = False) -> Iterator[None]:
    """Keep one browser open for every ``png`` call inside the block (thread-safe, nestable).

    Raises ``ReportError`` (key ``rep.err.no_chromium``) when no Chromium can be found. With
    ``background=True`` the browser starts in a thread while the block goes on (a deck reads
    its figures meanwhile); the first ``png`` waits for it and raises its error, if any.
    """
    global _browser, _users
    starter = None
    with _lock:
        if _browser is None:
            _browser = starter = concurrent.futures.Future()
        future = _browser
        _users += 1
    try:
        if starter is not None and background:
            threading.Thread(target=_start, args=(starter,), daemon=True).start()
        elif starter is not None:
            _start(starter)
        if not background:
            future.result()
        yield
    finally:
        with _lock:
            _users -= 1
            last = _users == 0
            if last:
                _browser = None
        if last:
            _close(future)


def chromium_found() -> bool:
    """Whether kaleido will find a Chromium (``BROWSER_PATH`` or the usual names), without
    starting it: a page can say so before anyone waits for a deck that cannot be drawn."""
    try:
        path = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - a search that fails is left to png to report
        return True
    return bool(path) and os.path.exists(path)


def session_open() -> bool:
    """Whether an ``image_session`` is open (a browser is running or starting)."""
    return _browser is not None


def png(fig, width: int = 1280, height: int = 720, scale: float = 1) -> bytes:
    """The figure as PNG bytes of ``width*scale`` x ``height*scale`` pixels.

    ``fig`` is a ``plotly.graph_objects.Figure`` or its dict. Outside an ``image_session`` a
    browser is started for this image alone. Errors are ``ReportError`` (no Chromium, a
    figure Plotly cannot draw, a timeout).
    """
    if width <= 0 or height <= 0 or scale <= 0:
        raise ValueError(f"width, height and scale must be positive: {width}, {height}, {scale}")
    spec = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
    with image_session():
        future = _browser
        assert future is not None  # held open by the session above
        return future.result().render(spec, int(width), int(height), scale)


def _close_at_exit() -> None:
    global _browser, _users
    with _lock:
        future, _browser, _users = _browser, None, 0
    if future is not None:
        _close(future)


atexit.register(_close_at_exit)
