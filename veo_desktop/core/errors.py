"""Typed errors the user can act on: each carries one message that says what went wrong and what
to do. Technical detail (status codes, bodies) stays in attributes for the log."""

from __future__ import annotations


class VeoError(Exception):
    """Base of every error Veo Desktop shows to a user."""

    #: Short machine-readable kind, stored in the journal and printed by `veo --json`.
    kind = "error"

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class InvalidInputError(VeoError):
    """The request cannot be sent as it stands (blocked before any network traffic)."""

    kind = "invalid_input"


class ImageError(InvalidInputError):
    """A local image could not be read or converted."""

    kind = "invalid_image"


class SecretStoreError(VeoError):
    """No secure store for the API key is available, or it refused the operation."""

    kind = "no_keyring"


class GatewayError(VeoError):
    """The gateway answered with an error, or could not be reached."""

    kind = "gateway"

    def __init__(
        self, message: str, *, status: int | None = None, code: str = "", detail: str = ""
    ) -> None:
        super().__init__(message, detail=detail)
        self.status = status
        self.code = code


class AuthError(GatewayError):
    """401: the key is missing, wrong or revoked."""

    kind = "auth"


class OutOfCreditError(GatewayError):
    """403 `insufficient_user_quota`: the account has no credit left."""

    kind = "out_of_credit"


class RateLimitedError(GatewayError):
    """429: too many requests; `retry_after` is the server's hint in seconds, if it gave one."""

    kind = "rate_limited"

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        status: int | None = None,
        code: str = "",
        detail: str = "",
    ) -> None:
        super().__init__(message, status=status, code=code, detail=detail)
        self.retry_after = retry_after


class InvalidRequestError(GatewayError):
    """400/422: the gateway rejected the request itself."""

    kind = "invalid_request"


class TaskNotFoundError(GatewayError):
    """The gateway does not (yet, or any longer) know the task id."""

    kind = "task_not_found"


class ServerError(GatewayError):
    """5xx or an unreadable reply: upstream trouble, usually passing."""

    kind = "server"


class NetworkError(GatewayError):
    """The gateway could not be reached (DNS, refused, reset, timeout)."""

    kind = "network"


class SubmissionUncertainError(GatewayError):
    """A create request may have reached the gateway but no reply came back. It may be billed,
    so it is never re-sent without the user's explicit choice."""

    kind = "submission_uncertain"


class DownloadError(VeoError):
    """The finished video could not be fetched or saved; the job stays completed."""

    kind = "download"


class StorageError(VeoError):
    """The data folder (journal, backups) cannot be read or written: missing, read-only, full."""

    kind = "storage"
