"""The package build's one extra step: scripts/resources.py builds the package's copy of
resources/ (the .qm, the icon's PNG sizes, the SVG and desktop files). Metadata: pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithResources(build_py):
    """build_py, then the built resources: into the build tree for a wheel; into the source tree
    for an editable install (`pip install -e .`), which imports the package from there."""

    def run(self) -> None:
        super().run()
        command = [sys.executable, str(ROOT / "scripts" / "resources.py")]
        if not self.editable_mode:
            command += ["--out", str(Path(self.build_lib) / "veo_desktop" / "resources")]
        # Its own process: Qt (QtSvg renders the icons) stays out of the build backend's.
        subprocess.run(command, check=True)


# The built files ship through pyproject's package-data globs alone: with include_package_data,
# setuptools also scans the files an editable build writes into the source tree, and warns that
# veo_desktop/resources' subfolders look like packages it was not told about.
setup(cmdclass={"build_py": BuildPyWithResources}, include_package_data=False)
