"""The built-in offline gateway: the same routes, real MP4s from a second (CDN-like) host, and
fault knobs that make it misbehave like real gateways. Plain Python: it never imports Qt."""

from .dialects import DIALECTS
from .faults import Faults
from .server import RecordedRequest, Simulator, serve_forever

__all__ = ["DIALECTS", "Faults", "RecordedRequest", "Simulator", "serve_forever"]
