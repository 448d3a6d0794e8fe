"""`python -m veo_desktop`: the desktop app."""

from .app import main

raise SystemExit(main())
