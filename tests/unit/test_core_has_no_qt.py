"""core/ and simulator/ must stay plain Python: importing all of them must not load PySide6."""

import pkgutil
import subprocess
import sys

import veo_desktop.core
import veo_desktop.simulator


def test_core_and_simulator_never_import_qt() -> None:
    names = [
        m.name
        for pkg in (veo_desktop.core, veo_desktop.simulator)
        for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")
    ]
    assert "veo_desktop.core.gateway.client" in names and len(names) > 8
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "import veo_desktop.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
