"""The simulator's HTTP side: a threaded loopback server, the gateway's routes (documented and
quirky here; new-api's in newapi_routes.py) and the CDN-like video host."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .jobs import (
    DOC_WORDS,
    Invalid,
    SimJob,
    byte_range,
    created_reply,
    error_body,
    poll_answer,
    validate,
)
from .newapi_routes import NewApiRoutes

if TYPE_CHECKING:
    from .server import Simulator

NGINX_PAGE = (
    "<html>\r\n<head><title>{code} {text}</title></head>\r\n<body>\r\n<center><h1>{code} {text}"
    "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
LOGIN_PAGE = "<html><body><h1>Access denied</h1><p>Sign in to view this file.</p></body></html>"
S3_EXPIRED = b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
S3_NO_KEY = (
    b"<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
)


class SimServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], handler: type, sim: Simulator) -> None:
        self.sim = sim
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(addr, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End kept-alive connections too, so a stopped simulator really lets go."""
        with self._open_lock:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            self._open.clear()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up (timeouts, cut downloads) are normal here, not worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SimServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the CLI and tests own stderr
        pass

    @property
    def sim(self) -> Simulator:
        return self.server.sim

    def send_head(self, status: int, ctype: str, length: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()

    def send_body(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_head(status, ctype, len(body), headers or {})
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode()
        self.send_body(status, data, "application/json; charset=utf-8", headers)

    def reset(self) -> None:
        """Close with a TCP reset and no reply (what a dying proxy does)."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def send_nginx(self, code: int) -> None:
        text = "Bad Gateway" if code == 502 else "Service Temporarily Unavailable"
        self.send_body(code, NGINX_PAGE.format(code=code, text=text).encode(), "text/html")

    def send_file(
        self,
        job: SimJob,
        *,
        honour_range: bool = True,
        headers: dict[str, str] | None = None,
        cut_after: float | None = None,
    ) -> None:
        """The MP4, honouring `Range` unless told not to (a full 200 then); the first download
        may break off (a fault knob); a stream still going after `cut_after` s stops there."""
        data = job.path.read_bytes()
        span = byte_range(self.headers.get("Range", ""), len(data)) if honour_range else None
        if honour_range and span is None:
            self.send_body(416, b"", "text/plain", {"Content-Range": f"bytes */{len(data)}"})
            return
        start, end, partial = span or (0, len(data) - 1, False)
        head = {"Accept-Ranges": "bytes"} if honour_range else {}
        if partial:
            head["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        head.update(headers or {})
        status, part = (206 if partial else 200), data[start : end + 1]
        cut = self.sim.faults.drop_download_after
        first = self.command == "GET" and job.count("downloads") == 0
        if first and cut is not None and cut < len(part):
            # The honest, full Content-Length, then the connection closes part-way (a FIN, so
            # the client keeps what it got and can resume with Range).
            self.send_head(status, "video/mp4", len(part), head)
            self.wfile.write(part[:cut])
            self.close_connection = True
            return
        rate = self.sim.faults.download_bytes_per_second
        if rate and self.command == "GET":
            self.send_head(status, "video/mp4", len(part), head)
            step = max(1, int(rate / 20))  # twenty writes a second
            began = time.monotonic()
            for i in range(0, len(part), step):
                if cut_after is not None and time.monotonic() - began > cut_after:
                    self.close_connection = True
                    return
                self.wfile.write(part[i : i + step])
                self.wfile.flush()
                time.sleep(step / rate)
            return
        self.send_body(status, part, "video/mp4", head)


class GatewayHandler(Base):
    def send_error_json(self, status: int, code: str, message: str | None = None) -> None:
        self.send_json(status, error_body(code, message))

    def _gate(self) -> bool:
        """Faults any gateway request may meet, then the key check. False: already answered."""
        f = self.sim.faults
        if f.latency:
            time.sleep(f.latency)
        if f.take("rate_limit_next"):
            after = {"Retry-After": str(int(f.retry_after))} if f.retry_after is not None else {}
            self.send_json(429, error_body("rate_limited"), after)
            return False
        if f.take("html_errors_next"):
            self.send_nginx(self.sim.next_html_status())
            return False
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and auth[7:].strip():
            return True
        self.send_error_json(401, "invalid_api_key")
        return False

    def do_POST(self) -> None:
        self.sim.record("gateway", self)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.sim.dialect == "new-api":
            NewApiRoutes(self).post(raw)
            return
        if urlsplit(self.path).path.rstrip("/") != "/v1/video/generations":
            self.send_error_json(404, "not_found")
            return
        self.sim.count_post()  # counted even when the reply is faulted or delayed
        if not self._gate():
            return
        if self.sim.faults.out_of_credit:
            self.send_error_json(403, "insufficient_user_quota")
            return
        try:
            body = json.loads(raw.decode("utf-8"))
            mode = validate(body)
        except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
            self.send_error_json(400, "invalid_request", f"The request body is not JSON ({exc}).")
            return
        except Invalid as exc:
            self.send_error_json(400, "invalid_request", str(exc))
            return
        job = self.sim.create(body, mode)
        if self.sim.faults.hang_after_post:  # the job exists; the client just never hears so
            time.sleep(self.sim.faults.hang_after_post)
        self.send_json(200, created_reply(job))

    def do_GET(self) -> None:
        self.sim.record("gateway", self)
        if self.sim.dialect == "new-api":
            NewApiRoutes(self).get()
            return
        m = re.fullmatch(r"/v1/videos/([^/]+)(/content)?/?", urlsplit(self.path).path)
        if not m:
            self.send_error_json(404, "not_found")
            return
        f, is_poll = self.sim.faults, not m.group(2)
        if is_poll and f.take("reset_next_polls"):
            self.reset()
            return
        if is_poll and (hang := f.take_hang()):
            time.sleep(hang)
        if not self._gate():
            return
        if is_poll and f.take("unauthorized_polls_next"):
            self.send_error_json(401, "invalid_api_key")
            return
        job = self.sim.get(m.group(1))
        if job is not None and is_poll and (kind := job.trouble.get(job.count("requests"))):
            # quirky: bounded trouble a client must ride out; the job goes on regardless.
            if kind == "429":
                self.send_json(429, error_body("rate_limited"))  # and no Retry-After
            else:
                self.send_nginx(int(kind))
            return
        if job is None:
            self.send_error_json(404, "task_not_exist")
        elif is_poll:
            sim = self.sim
            self.send_json(*poll_answer(job, f, sim.job_seconds, sim.base_url, sim.video_base_url))
        elif (state := job.state(self.sim.job_seconds)) != "completed":
            message = f"The video is not ready: the task is {DOC_WORDS[state]}."
            self.send_error_json(404, "video_not_ready", message)
        elif self.sim.faults.clip_deleted:
            self.send_error_json(404, "not_found", "The video was deleted upstream.")
        else:  # a quirky gateway's content route ignores Range: a full 200 every time
            self.send_file(job, honour_range=self.sim.dialect != "quirky")

    do_HEAD = do_GET


class VideoHandler(Base):
    """The CDN-like host: no key needed, a token in the query that may expire."""

    def do_GET(self) -> None:
        self.sim.record("video", self)
        parts = urlsplit(self.path)
        token = (parse_qs(parts.query).get("token") or [""])[0]
        m = re.fullmatch(r"/(files|redirect)/(task_[0-9a-f]+)(?:\.mp4)?", parts.path)
        job = self.sim.get(m.group(2)) if m else None
        if m is None or job is None or self.sim.faults.clip_deleted:
            self.send_body(404, S3_NO_KEY, "application/xml")
            return
        with job.lock:
            expires = job.tokens.get(token)
        if expires is None or time.time() > expires:
            self.send_body(403, S3_EXPIRED, "application/xml")
        elif m.group(1) == "redirect":
            where = f"{self.sim.video_base_url}/files/{job.task_id}.mp4?token={token}"
            self.send_body(302, b"", "text/plain", {"Location": f"{where}&expires={int(expires)}"})
        elif self.sim.faults.download_not_mp4:
            self.send_body(200, LOGIN_PAGE.encode(), "text/html; charset=utf-8")
        else:
            self.send_file(job)

    do_HEAD = do_GET
