"""`veo login`, `logout`, `gateway` and `simulate`: the key, what is known of the gateway,
and the offline gateway."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..core.checks.habits import clear as clear_habits
from ..core.checks.habits import habits
from ..core.config import SharedSettings, normalize_key
from ..core.errors import AuthError, SecretStoreError, VeoError
from ..core.gateway.dialects import Dialect
from ..core.gateway.profiles import describe
from ..core.paths import resolve_paths
from ..core.secrets import KeyStore
from ..core.services import build_services
from .common import EXIT_INPUT, EXIT_OK, CliError, base_url_for
from .output import print_json


async def login(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.data_dir).ensure()
    base = base_url_for(args, paths)
    store: KeyStore = args.keystore
    if not store.available():
        from ..core.secrets import no_keyring_message

        raise SecretStoreError(no_keyring_message())
    raw = getpass.getpass(f"API key for {base}: ") if sys.stdin.isatty() else sys.stdin.readline()
    key = normalize_key(raw)
    if not key:
        raise CliError("No key entered; nothing was stored.", EXIT_INPUT)
    services = build_services(base, paths=paths, key=lambda: key)
    try:
        await services.client.check_key()
    except AuthError:
        raise
    except VeoError as exc:
        print(
            f"warning: could not check the key now ({exc.message}); storing it anyway.",
            file=sys.stderr,
        )
    finally:
        await services.aclose()
    store.set(base, key)
    settings = SharedSettings.load(paths.config_file)
    if settings.base_url != base:
        settings.base_url = base
        settings.save(paths.config_file)
    print(f"Key stored in the system keyring ({store.backend_name()}) for {base}.")
    return EXIT_OK


def logout(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.data_dir)
    base = base_url_for(args, paths)
    removed = args.keystore.delete(base)
    print(f"Key for {base} removed." if removed else f"No key was stored for {base}.")
    return EXIT_OK


def simulate(args: argparse.Namespace) -> int:
    from ..simulator import serve_forever

    dialect = "quirky" if args.quirky else args.dialect
    serve_forever(port=args.port, job_seconds=args.job_seconds, dialect=dialect)
    return EXIT_OK


async def gateway(args: argparse.Namespace) -> int:
    """Show the gateway's request dialect (learning it now if it is not known yet), or set it."""
    paths = resolve_paths(args.data_dir).ensure()
    base = base_url_for(args, paths)
    services = build_services(base, paths=paths, keystore=args.keystore)
    try:
        profiles = services.client.profiles
        if args.dialect:
            profiles.set_override(base, Dialect.parse(args.dialect))
        elif services.client.has_key():
            await services.client.request_dialect()
        if args.reset_habits:
            clear_habits(profiles, base)
        profile = profiles.get(base)
        tally = habits(profiles, base)
    finally:
        await services.aclose()
    if args.json:
        print_json(
            {
                "base_url": base,
                **describe(profile),
                "habits": [
                    {"mode": h.mode.value, "check": h.check, "failed": h.failed, "total": h.total}
                    for h in tally
                ],
            }
        )
        return EXIT_OK
    how = (
        "set by you"
        if profile.override
        else f"detected: {profile.evidence}"
        if profile.detected
        else "not detected yet (the page's own fields are sent)"
    )
    print(f"Gateway   {base}")
    print(f"Dialect   {profile.dialect.value} ({how})")
    if profile.dialect is Dialect.NEW_API:
        print(
            "          Settings go under `metadata` with Google's names and `size` as WxH; the "
            "end frame, 2nd/3rd reference, extension and image links are dropped by it."
        )
    print("Change it with `veo gateway --dialect documented|new-api|auto`.")
    worrying = [h for h in tally if h.failed]
    checked = sum(h.total for h in tally if h.check == "duration")
    if args.reset_habits:
        print("Habits    forgotten: the tally of clip checks starts again.")
    elif not tally:
        print("Habits    no clip from this gateway checked yet.")
    elif not worrying:
        print(f"Habits    every check passed ({checked} clips checked).")
    else:
        print("Habits    what its clips did not deliver:")
        for h in worrying:
            print(f"          {h.text}")
        print("          Forget them with `veo gateway --reset-habits`.")
    return EXIT_OK
