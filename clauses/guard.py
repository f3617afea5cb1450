"""Bounds on what one document may cost: decompressed bytes and wall time.

pdfminer inflates every Flate stream with ``zlib.decompress``, unbounded, so a small PDF
can ask for gigabytes (a decompression bomb). We give pdfminer a zlib whose decompress
stops at a limit and raises, and turn that into :class:`TooLarge` at the ingest boundary.
"""

from __future__ import annotations

import signal
import threading
import time
import zlib
from contextlib import contextmanager

MAX_STREAM_BYTES = 256 * 1024 * 1024


class StreamTooLarge(Exception):
    pass


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error
    limit = MAX_STREAM_BYTES

    def __getattr__(self, name):
        return getattr(zlib, name)

    def decompress(self, data: bytes, *args) -> bytes:
        d = zlib.decompressobj()
        out = d.decompress(data, self.limit + 1)
        if len(out) > self.limit or d.unconsumed_tail:
            raise StreamTooLarge(f"a compressed stream inflates beyond {self.limit >> 20} MiB")
        if not d.eof:
            # Same contract as zlib.decompress: an incomplete stream is an error, which
            # pdfminer answers by trying its tolerant decoder.
            raise zlib.error("incomplete or truncated stream")
        return out


def _bounded_decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's fallback for streams with a bad checksum, without its quadratic loop."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, MAX_STREAM_BYTES + 1)
    except zlib.error:
        return b""
    if len(out) > MAX_STREAM_BYTES:
        raise StreamTooLarge(f"a compressed stream inflates beyond {MAX_STREAM_BYTES >> 20} MiB")
    return out


_installed = False


def install_stream_limit() -> None:
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib()
    pdftypes.decompress_corrupted = _bounded_decompress_corrupted
    _installed = True


class Deadline:
    """A wall-clock budget checked between pages, backed by a timer signal (main thread,
    POSIX) so that one pathological page cannot run past it either."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.end = None if seconds is None else time.monotonic() + seconds

    def expired(self) -> bool:
        return self.end is not None and time.monotonic() > self.end


class BudgetAlarm(Exception):
    pass


@contextmanager
def alarm(deadline: Deadline):
    usable = (
        deadline.end is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _ring(signum, frame):
        raise BudgetAlarm()

    previous = signal.signal(signal.SIGALRM, _ring)
    signal.setitimer(signal.ITIMER_REAL, max(0.01, deadline.end - time.monotonic()))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
