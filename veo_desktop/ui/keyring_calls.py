"""Keyring calls from the window: off the UI thread, with a deadline. A locked keyring can hold a
Secret Service call forever, so the window waits a few seconds, then says so and stays usable."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: How long the window waits for the keyring before it calls it locked or not answering.
KEYRING_TIMEOUT_S = 4.0


class KeyringTimeout(TimeoutError):
    """The keyring did not answer in time; the call may still finish later."""


def start(fn: Callable[[], T]) -> asyncio.Future[T]:
    """Run `fn` on a daemon thread; the future holds its result. A daemon thread, not the
    loop's executor: a call stuck in D-Bus must not hold up quitting the app."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(value: object, error: BaseException | None) -> None:
        if future.done():  # the caller gave up (its task was cancelled)
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)  # type: ignore[arg-type]

    def run() -> None:
        try:
            value: object = fn()
            error: BaseException | None = None
        except BaseException as exc:  # handed to the awaiting task, raised there
            value, error = None, exc
        # The loop may have closed while the keyring was still busy: nobody is waiting then.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(deliver, value, error)

    threading.Thread(target=run, name="keyring", daemon=True).start()
    return future


async def call(
    fn: Callable[[], T], timeout: float | None = None, late: Callable[[T], None] | None = None
) -> T:
    """`fn()` off the UI thread; KeyringTimeout after `timeout` seconds. The call is left to
    finish on its own (nothing can interrupt a blocked D-Bus call); if it then succeeds,
    `late` gets its result (the user unlocked the keyring at its prompt, say)."""
    future = start(fn)
    done, _ = await asyncio.wait({future}, timeout=timeout or KEYRING_TIMEOUT_S)
    if not done:
        future.add_done_callback(lambda f: _late(f, late))
        raise KeyringTimeout()
    return future.result()


def _late(future: asyncio.Future[T], late: Callable[[T], None] | None) -> None:
    if future.cancelled() or future.exception() is not None:  # retrieved: no warning logged
        return
    if late is not None:
        late(future.result())
