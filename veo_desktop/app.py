"""Start-up, the composition root: builds everything once, injects it into the window and closes
it on quit. `veo-desktop [--base-url URL] [--data-dir DIR] [--demo [--dialect D]]`."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import ssl
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .core.config import SharedSettings, gateway_url
from .core.errors import InvalidInputError, VeoError
from .core.gateway.http_clients import start_tls_context
from .core.logs import install_crash_handler, setup_logging
from .core.paths import resolve_paths
from .core.services import Services, build_services

DESKTOP_ID = "io.github.veodesktop.VeoDesktop"  # the .desktop file, AppStream id and icon name

if TYPE_CHECKING:  # Qt is imported when the app starts, not when the CLI imports core
    from PySide6.QtWidgets import QApplication
    from qasync import QEventLoop

    from .ui.jobs.controller import JobController
    from .ui.main_window import MainWindow
    from .ui.player.player import Player


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="veo-desktop", description="Veo Desktop")
    p.add_argument("--base-url", help="gateway base URL (env VEO_BASE_URL)")
    p.add_argument("--data-dir", help="journal, library and settings folder (env VEO_DATA_DIR)")
    p.add_argument("--demo", action="store_true", help="use the built-in offline simulator")
    p.add_argument(
        "--dialect",
        choices=("documented", "new-api", "quirky"),  # simulator.DIALECTS, without importing it
        default="documented",
        help="with --demo: which kind of gateway the simulator plays",
    )
    p.add_argument(
        "--language", help="en or zh_CN for this run (default: Settings, else the system's)"
    )
    p.add_argument(
        "--appearance",
        choices=["light", "dark"],
        help="light or dark for this run (default: Settings, else the system's)",
    )
    p.add_argument(
        "--self-check",
        action="store_true",
        help="open the window, check the icon, translations, keyring and video playback, print "
        "a JSON report and exit (0 = all OK); uses a throwaway data folder",
    )
    return p.parse_args(argv)


def build(
    args: argparse.Namespace, tls: Callable[[], ssl.SSLContext] | None = None
) -> tuple[Services, bool]:
    """The core services, and whether the first-start welcome should show (no gateway yet).
    `tls` hands over the TLS context `start_tls_context` began building."""
    paths = resolve_paths(args.data_dir, demo=args.demo)
    if args.demo:
        # The simulator loads PyAV and Pillow: import it only when the demo is asked for.
        from .demo import build_demo_services

        services = build_demo_services(paths, job_seconds=5.0, dialect=args.dialect)
        return services, False
    settings = SharedSettings.load(paths.ensure().config_file)
    try:
        base = gateway_url(args.base_url, settings)
    except InvalidInputError:  # the welcome page asks for a usable one
        base = ""
    services = build_services(base, paths=paths, tls=tls)
    # Whether a key is stored is asked once the window has painted (ask_for_key_once_painted):
    # the first paint should not wait for the keyring's backend discovery.
    return services, not base


@dataclass
class AppParts:
    """Everything the composition root built, for `main` and for scripted runs (screenshots)."""

    app: QApplication
    loop: QEventLoop  # a context manager that stops and closes the loop, unlike asyncio's
    services: Services
    window: MainWindow
    controller: JobController
    player: Player


def create_app(argv: Sequence[str] | None = None) -> AppParts:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # The CA bundle loads on a worker thread while the window is being built (see build()).
    tls = None if args.demo else start_tls_context()
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Veo Desktop")
    app.setOrganizationName("veo-desktop")
    app.setDesktopFileName(DESKTOP_ID)  # matches resources/linux/<DESKTOP_ID>.desktop
    from .ui.icons import app_icon

    app.setWindowIcon(app_icon())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    from .ui.jobs.controller import JobController
    from .ui.main_window import MainWindow
    from .ui.player.player import Player
    from .ui.settings import open_store

    services, welcome = build(args, tls)
    log_dir = services.paths.log_dir
    setup_logging(log_dir, secrets=services.keystore.known)
    store = open_store(str(services.paths.config_dir / "window.ini"))
    from .ui import i18n
    from .ui import settings as opts

    # Before any widget exists: texts are set when widgets are built.
    i18n.install(app, i18n.choose(args.language or opts.LANGUAGE.get(store)))
    from .ui import appearance

    scheme = args.appearance or opts.APPEARANCE.get(store)
    appearance.apply(app, scheme)  # "" follows the system, also when it changes later
    controller = JobController(services.runner, services.journal)
    player = Player()
    window = MainWindow(services, controller, player, store, demo=args.demo, show_welcome=welcome)
    window.welcome.demo_requested.connect(lambda: _restart_in_demo(window))
    if not welcome and not args.demo:
        ask_for_key_once_painted(window, services)
    loop.call_later(WARM_UP_AFTER_S, _warm_up, window, player)
    from .ui.dialogs.crash_notice import CrashNotice

    notice = CrashNotice(window)
    install_crash_handler(log_dir, notice.report, secrets=services.keystore.known)
    return AppParts(app, loop, services, window, controller, player)


def run(parts: AppParts) -> int:
    """Show the window, resume open jobs, and run the loop until the app quits."""
    parts.window.show()
    parts.controller.resume_all()  # finish what the last run (or the CLI) left open
    parts.window.batch.resume_all()  # and the batches it left unfinished
    signal.signal(signal.SIGINT, lambda *_: parts.window.close())
    closing = asyncio.Event()
    parts.app.aboutToQuit.connect(closing.set)
    with parts.loop:
        parts.loop.run_until_complete(closing.wait())
        parts.loop.run_until_complete(parts.window.batch.aclose())  # before the journal
        parts.controller.close()
        parts.player.stop()
        parts.loop.run_until_complete(parts.services.aclose())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    parsed = parse_args(args)  # --help and bad options answer before any display is needed
    problem = display_problem(os.environ)
    if problem:
        # Qt would abort (SIGABRT) with a message about plugins; say what to do instead.
        print(f"veo-desktop: {problem}", file=sys.stderr)
        return 1
    if parsed.self_check:
        from .selfcheck import self_check

        return self_check(args)
    try:
        parts = create_app(args)
    except (VeoError, OSError) as exc:  # e.g. an unusable data folder: say it, no traceback
        text = (
            exc.message
            if isinstance(exc, VeoError)
            else f"Veo Desktop cannot use its data folder ({exc.strerror}: {exc.filename}). "
            "Choose another with --data-dir or VEO_DATA_DIR."
        )
        print(f"veo-desktop: {text}", file=sys.stderr)
        _tell_in_a_box(text)
        return 2
    return run(parts)


def _tell_in_a_box(message: str) -> None:
    """The same line in a message box, for a start from the desktop's menu (no terminal to
    read it in); never on a virtual platform, where nobody could close the box."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    shown = isinstance(app, QApplication) and app.platformName() not in ("offscreen", "minimal")
    if shown and not sys.stderr.isatty():
        QMessageBox.critical(None, "Veo Desktop", message)


def display_problem(env: Mapping[str, str]) -> str | None:
    """Why Qt could not open a window here, in one line a user can act on; None when it can.
    Only where Qt picks the X11 or Wayland platform itself (Linux and the BSDs)."""
    platform = env.get("QT_QPA_PLATFORM", "")
    if sys.platform in ("win32", "darwin") or platform not in ("", "xcb"):
        return None  # offscreen, wayland, eglfs...: chosen on purpose, Qt reports on them
    wayland = bool(env.get("WAYLAND_DISPLAY")) and not platform
    if not env.get("DISPLAY") and not wayland:
        return (
            "no display found (DISPLAY and WAYLAND_DISPLAY are not set). Run it in a desktop "
            "session, or on a virtual screen with `xvfb-run veo-desktop`, or use the `veo` "
            "command-line tool (`veo --help`)."
        )
    if not wayland:
        return _xcb_problem()
    return None


def _xcb_problem() -> str | None:
    """Qt's X11 plugin names libxcb-cursor0 whatever library is missing: load it first and
    name the one the loader could not find. Qt loads the same files right after, so this
    costs no more than the import of ctypes."""
    import ctypes

    import PySide6

    plugin = os.path.join(
        os.path.dirname(PySide6.__file__), "Qt", "plugins", "platforms", "libqxcb.so"
    )
    if not os.path.isfile(plugin):
        return None  # a frozen or distro build lays Qt out otherwise; let Qt look itself
    try:
        ctypes.CDLL(plugin)
    except OSError as exc:
        missing = str(exc).replace(plugin + ": ", "")
        return (
            f"Qt's X11 platform plugin cannot load ({missing}). Install the system package "
            "that provides it (from a source checkout, `bash scripts/system-deps.sh` installs "
            "them all)."
        )
    return None


#: Seconds after start-up, when the window is idle, to load the heavy media libraries.
WARM_UP_AFTER_S = 1.0


def _warm_up(window: MainWindow, player: Player) -> None:
    """What start-up left for later, done while the window is idle, so none of it stalls the
    window in the middle of what the user is doing (bench: heartbeat_max_ms):

    - on a worker: load PyAV (FFmpeg), Pillow and httpcore (the HTTP client's engine); loading
      a large extension holds the GIL for ~50 ms, done later it would land on the first poster,
      image or request;
    - here, one piece per turn of the loop: the media player (~20 ms for Qt's media backend)
      and the mode tabs not opened yet (~10 ms each)."""
    import importlib

    from PySide6.QtCore import QTimer

    from .core.background import start_in_background

    def load() -> None:
        for name in ("av", "PIL.Image", "PIL.JpegImagePlugin", "PIL.PngImagePlugin", "httpcore"):
            importlib.import_module(name)

    start_in_background(load)
    player.prepare()
    QTimer.singleShot(0, window.compose.build_rest)


def ask_for_key_once_painted(window: MainWindow, services: Services) -> None:
    """The welcome page if no key is stored, asked once the window has painted: the keyring's
    backend discovery runs on a worker that would compete with the first paint for the GIL."""
    from .ui.first_paint import after_first_paint

    after_first_paint(window, lambda: asyncio.ensure_future(_welcome_if_no_key(window, services)))


async def _welcome_if_no_key(window: MainWindow, services: Services) -> None:
    """A gateway is set but no key is stored for it: show the welcome page that asks for one.
    A locked or silent keyring is left alone here (Settings says so when opened): a page asking
    for a key would mislead, and a keyring call that never returns must not hold up quitting."""
    from .ui import keyring_calls

    try:
        has_key = await keyring_calls.call(services.client.has_key)
    except (keyring_calls.KeyringTimeout, VeoError):
        return
    if not has_key:
        window.show_welcome()


def _restart_in_demo(window: object) -> None:
    from PySide6.QtCore import QProcess

    QProcess.startDetached(sys.executable, ["-m", "veo_desktop", "--demo"])
    window.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
