"""The built-in offline simulator of the gateway (never imports Qt)."""

from .faults import Faults
from .server import RecordedRequest, Simulator, serve_forever

__all__ = ["Faults", "RecordedRequest", "Simulator", "serve_forever"]
