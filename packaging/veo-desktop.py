"""PyInstaller's entry script for the frozen app (veo_desktop/__main__.py uses a relative import,
which a script run as __main__ cannot)."""

from veo_desktop.app import main

raise SystemExit(main())
