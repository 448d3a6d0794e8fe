"""The package build's one extra step: compile the translations (.ts -> .qm, scripts/i18n.py)
into every build, so `pip install .`, pipx and the wheel speak Chinese. Metadata: pyproject.toml."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _i18n() -> ModuleType:
    # scripts/ is not a package (and not installed): load the one file by path.
    spec = importlib.util.spec_from_file_location("veo_i18n", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader, "scripts/i18n.py is missing from the source tree"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    """build_py, then the .qm files: into the build tree for a wheel; into the source tree for
    an editable install (`pip install -e .`), which imports the package from there."""

    def run(self) -> None:
        super().run()
        i18n = _i18n()
        if self.editable_mode:
            i18n.build()
        else:
            i18n.build(Path(self.build_lib) / "veo_desktop" / "resources" / "i18n")


setup(cmdclass={"build_py": BuildPyWithTranslations})
