"""Where slacheck keeps files of its own between runs (standard library only)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/slacheck`` (default ``~/.cache/slacheck``): batch results and the
    Chinese segmenter's prepared dictionary. Anything in it may be deleted at any time."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "slacheck"
