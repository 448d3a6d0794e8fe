"""How a failed HTTP exchange reads to the user: whether the request can have left, whether
trying again helps, and the one message that says what to do."""

from __future__ import annotations

import ssl

import httpx

from ..errors import NetworkError
from ..i18n import msg


def not_sent(exc: Exception) -> bool:
    """True when httpx failed before any byte of the request could reach the server."""
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def retryable(exc: Exception) -> bool:
    """Not sent, and worth trying again: a certificate that failed once fails every time."""
    return not_sent(exc) and untrusted_certificate(exc) is None


def untrusted_certificate(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate failure behind an httpx error, if that is what it was."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def activity(what: str) -> str:
    """`what` (English, as the log says it) in the user's language, for a message."""
    phrases = {
        "sending the job": msg("sending the job"),
        "checking the job": msg("checking the job"),
        "testing the connection": msg("testing the connection"),
    }
    return phrases.get(what, what)


def network_error(exc: Exception, what: str) -> NetworkError:
    doing = activity(what)
    bad_cert = untrusted_certificate(exc)
    if bad_cert is not None:
        text = msg(
            "The gateway's security certificate could not be verified ({reason}), so nothing "
            "was sent. Check the base URL; if your gateway uses a private certificate, add it "
            "to your system's trusted certificates.",
            reason=bad_cert.verify_message or str(bad_cert),
        )
    elif isinstance(exc, httpx.TimeoutException):
        text = msg(
            "The gateway did not answer in time while {doing}. Check your connection.", doing=doing
        )
    else:
        text = msg(
            "Could not reach the gateway while {doing}. Check your connection and the base URL.",
            doing=doing,
        )
    return NetworkError(text, detail=f"{type(exc).__name__}: {exc}")
