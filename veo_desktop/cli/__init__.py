"""`veo`: the command line over the same core, journal and library as the app (exit codes in
common.py; errors are one line on stderr)."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
