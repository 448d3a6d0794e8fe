"""`veo`: the command-line front end over the same core, journal and library as the app.

Exit codes: 0 success, 2 invalid input (nothing sent), 3 gateway / auth / network trouble,
4 the job failed or finished without a video. Errors are one readable line on stderr.
"""

from __future__ import annotations

from .main import main

__all__ = ["main"]
