"""Every system library Qt's window and media plugins link is installed, and comes from a
package scripts/system-deps.sh installs (or one a minimal Debian already has), so a fresh
machine that ran `make` can open the window and play a clip."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
QT = Path(PySide6.__file__).parent / "Qt"
#: What opening the window (xcb) and playing a clip (QtMultimedia, its FFmpeg plugin) loads.
LINKED = [
    QT / "plugins" / "platforms" / "libqxcb.so",
    QT / "lib" / "libQt6XcbQpa.so.6",
    QT / "plugins" / "xcbglintegrations" / "libqxcb-glx-integration.so",
    QT / "plugins" / "xcbglintegrations" / "libqxcb-egl-integration.so",
    QT / "lib" / "libQt6Multimedia.so.6",
    QT / "plugins" / "multimedia" / "libffmpegmediaplugin.so",
]
#: Given on any machine that can run `make`: debootstrap's minbase brings `apt` and every
#: Priority: required package; the README asks for python3 and make.
BASE = ("apt", "python3", "make")


def system_deps() -> set[str]:
    """The package names in system-deps.sh's PACKAGES=( ... ) list."""
    text = (ROOT / "scripts" / "system-deps.sh").read_text("utf-8")
    block = re.search(r"^PACKAGES=\((.*?)^\)", text, re.S | re.M)
    assert block, "scripts/system-deps.sh lost its PACKAGES=( ... ) list"
    lines = (line.split("#", 1)[0] for line in block.group(1).splitlines())
    return {name for line in lines for name in line.split()}


def ldd(library: Path) -> dict[str, str]:
    """Soname -> where the loader found it ("not found" when it did not)."""
    assert library.is_file(), f"{library} is missing: is PySide6 fully installed?"
    out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        name, sep, where = line.strip().partition(" => ")
        if sep:
            found[name] = where.split(" (", 1)[0].strip()
    return found


def owners(paths: list[str]) -> dict[str, str]:
    """Library path -> the Debian package that installed it. dpkg knows a library under the
    path its package shipped (/lib or /usr/lib, merged-/usr or not), so each spelling is asked,
    in one dpkg call (it answers for the ones it knows and complains about the rest)."""
    spellings: dict[str, str] = {}
    for path in paths:
        real = str(Path(path).resolve())
        for spelling in (path, real, real.removeprefix("/usr"), "/usr" + real.removeprefix("/usr")):
            spellings.setdefault(spelling, path)
    out = subprocess.run(["dpkg", "-S", *spellings], capture_output=True, text=True).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        package, sep, spelling = line.partition(": ")
        if sep and spelling in spellings:
            found.setdefault(spellings[spelling], package.split(":", 1)[0].split(",")[0])
    return found


def installed() -> dict[str, tuple[str, list[list[str]]]]:
    """Every installed package -> (its priority, its Pre-Depends + Depends as alternatives)."""
    fmt = "${Package}\t${Status}\t${Priority}\t${Pre-Depends}, ${Depends}\n"
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", fmt], capture_output=True, text=True, check=True
    ).stdout
    packages: dict[str, tuple[str, list[list[str]]]] = {}
    for line in out.splitlines():
        name, status, priority, depends = line.split("\t")
        if not status.endswith(" installed"):
            continue
        alternatives = [
            [re.split(r"[\s(:]", alt.strip(), maxsplit=1)[0] for alt in dep.split("|")]
            for dep in depends.split(",")
            if dep.strip()
        ]
        packages[name] = (priority, alternatives)
    return packages


def closure(seeds: set[str], packages: dict[str, tuple[str, list[list[str]]]]) -> set[str]:
    """The seeds and everything they pull in (any installed alternative counts)."""
    seen: set[str] = set()
    todo = [p for p in seeds if p in packages]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for alternatives in packages[name][1]:
            todo.extend(a for a in alternatives if a in packages and a not in seen)
    return seen


def test_qt_window_and_media_libraries_are_all_found() -> None:
    missing = {
        f"{soname} (for {library.name})"
        for library in LINKED
        for soname, where in ldd(library).items()
        if where == "not found"
    }
    assert not missing, (
        "Qt cannot load these system libraries: "
        + ", ".join(sorted(missing))
        + ". Add their packages to scripts/system-deps.sh and run it."
    )


def test_every_linked_library_comes_from_a_package_system_deps_installs() -> None:
    """On a machine where the library happens to be installed already, the first test passes
    even if system-deps.sh forgot it; this one still fails, naming the package to add."""
    assert shutil.which("dpkg"), "this check reads dpkg's database (Debian or Ubuntu)"
    system = [
        where
        for library in LINKED
        for where in ldd(library).values()
        if where.startswith("/") and not where.startswith(str(QT.parent))
    ]
    owner = owners(sorted(set(system)))
    assert set(owner) == set(system), f"no package owns {sorted(set(system) - set(owner))}"
    packages = installed()
    listed = system_deps()
    required = {name for name, (priority, _) in packages.items() if priority == "required"}
    covered = closure(listed | required | set(BASE), packages)
    forgotten = {f"{pkg} ({Path(path).name})" for path, pkg in owner.items() if pkg not in covered}
    assert not forgotten, (
        "scripts/system-deps.sh does not install (nor pull in) the package of: "
        + ", ".join(sorted(forgotten))
    )


def test_system_deps_lists_what_the_xcb_plugin_links_by_name() -> None:
    """Qt's xcb plugin is what fails first on a fresh machine, so every package it links
    directly is named in the list, not left to another package's dependencies."""
    direct = {
        where
        for library in LINKED[:2]
        for soname, where in ldd(library).items()
        if where.startswith("/")
        and not where.startswith(str(QT.parent))
        and re.match(r"lib(xcb|X11|xkbcommon)", soname)
    }
    owner = owners(sorted(direct))
    unnamed = sorted(
        f"{pkg} ({Path(path).name})" for path, pkg in owner.items() if pkg not in system_deps()
    )
    assert not unnamed, "add to scripts/system-deps.sh: " + ", ".join(unnamed)
