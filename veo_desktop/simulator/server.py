"""The offline gateway: the real gateway's routes on loopback, plus a second loopback server (a
different origin, like a CDN) that serves the finished MP4s. Standard-library HTTP on daemon
threads, so tests, the CLI and the app can run it in-process."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
import shutil
import socket
import struct
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .faults import Faults
from .jobs import (
    DOC_WORDS,
    Invalid,
    SimJob,
    byte_range,
    created_reply,
    error_body,
    make_job,
    poll_answer,
    render,
    validate,
)

NGINX_PAGE = (
    "<html>\r\n<head><title>{code} {text}</title></head>\r\n<body>\r\n<center><h1>{code} {text}"
    "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
LOGIN_PAGE = "<html><body><h1>Access denied</h1><p>Sign in to view this file.</p></body></html>"
S3_EXPIRED = b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
S3_NO_KEY = (
    b"<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
)


@dataclass
class RecordedRequest:
    server: str  # "gateway" or "video"
    method: str
    path: str
    headers: dict[str, str]
    time: float = field(default_factory=time.time)


class Simulator:
    """The gateway and its video host, each on its own loopback port. Jobs live in memory;
    their MP4s in a private temp dir that `stop()` removes."""

    def __init__(
        self,
        port: int = 0,
        video_port: int = 0,
        faults: Faults | None = None,
        job_seconds: float = 6.0,
        max_height: int = 720,
        host: str = "127.0.0.1",
    ) -> None:
        self.host = _loopback(host)
        self.port, self.video_port = port, video_port
        self.faults = faults or Faults()
        self.job_seconds = job_seconds
        self.max_height = max_height
        self.post_count = 0
        self.requests: list[RecordedRequest] = []
        self._jobs: dict[str, SimJob] = {}
        self._lock = threading.Lock()
        self._html_errors = 0
        self._dir: Path | None = None
        self._servers: list[_Server] = []

    # -- life ---------------------------------------------------------------------------------

    def start(self) -> Simulator:
        self._dir = Path(tempfile.mkdtemp(prefix="veo-sim-"))
        gateway = _Server((self.host, self.port), _GatewayHandler, self)
        try:
            video = _Server((self.host, self.video_port), _VideoHandler, self)
        except OSError:
            gateway.server_close()
            raise
        self._servers = [gateway, video]
        self.port, self.video_port = gateway.server_address[1], video.server_address[1]
        for server, name in zip(self._servers, ("gateway", "video"), strict=True):
            # A short poll interval makes stop() (and so every test's teardown) quick.
            threading.Thread(
                target=server.serve_forever, args=(0.05,), daemon=True, name=f"veo-sim-{name}"
            ).start()
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
            server.close_connections()
        self._servers = []
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def video_base_url(self) -> str:
        return f"http://{self.host}:{self.video_port}"

    # -- for tests ----------------------------------------------------------------------------

    def served_bytes(self, task_id: str) -> bytes:
        """The exact bytes of the job's MP4 (waits for the render if it is still running)."""
        job = self._jobs[task_id]
        job.rendered.wait(60)
        return job.path.read_bytes()

    @property
    def task_ids(self) -> list[str]:
        """Every job created so far, oldest first (a POST whose reply never came still made one)."""
        with self._lock:
            return list(self._jobs)

    def job(self, task_id: str) -> dict[str, Any]:
        """The job's internal state, as plain data."""
        return self._jobs[task_id].snapshot(self.job_seconds)

    # -- used by the handlers -----------------------------------------------------------------

    def record(self, server: str, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(RecordedRequest(server, h.command, h.path, dict(h.headers)))

    def count_post(self) -> None:
        with self._lock:
            self.post_count += 1

    def next_html_status(self) -> int:
        """502, 503, 502, ... like a proxy in front of a flapping upstream."""
        with self._lock:
            self._html_errors += 1
            return 502 if self._html_errors % 2 else 503

    def create(self, body: dict[str, Any], mode: str) -> SimJob:
        assert self._dir is not None, "start() the simulator first"
        job = make_job(body, mode, self.faults, self._dir)
        with self._lock:
            self._jobs[job.task_id] = job
        if job.fail_reason is None:  # a job doomed at create never gets a video
            threading.Thread(
                target=render,
                args=(job,),
                kwargs={"max_height": self.max_height, "find_source": self._source_of},
                daemon=True,
                name=f"veo-sim-render-{job.task_id}",
            ).start()
        return job

    def get(self, task_id: str) -> SimJob | None:
        with self._lock:
            return self._jobs.get(task_id)

    def _source_of(self, video_url: str) -> SimJob | None:
        """The job whose clip an extension continues, when the URL points at this simulator
        (its video host or its content route); None for any other video."""
        m = re.search(r"task_[0-9a-f]+", video_url)
        return self.get(m.group(0)) if m else None


def _loopback(host: str) -> str:
    address = "127.0.0.1" if host == "localhost" else host
    try:
        ip = ipaddress.ip_address(address)
        ok = ip.version == 4 and ip.is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"The simulator binds loopback (127.x.x.x) only, not {host!r}.")
    return address


class _Server(ThreadingHTTPServer):
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


class _Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

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

    def send_file(self, job: SimJob) -> None:
        """The MP4, honouring `Range`; the first download may break off (a fault knob)."""
        data = job.path.read_bytes()
        span = byte_range(self.headers.get("Range", ""), len(data))
        if span is None:
            self.send_body(416, b"", "text/plain", {"Content-Range": f"bytes */{len(data)}"})
            return
        start, end, partial = span
        headers = {"Accept-Ranges": "bytes"}
        if partial:
            headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        status, part = (206 if partial else 200), data[start : end + 1]
        cut = self.sim.faults.drop_download_after
        first = self.command == "GET" and job.count("downloads") == 0
        if first and cut is not None and cut < len(part):
            # The honest, full Content-Length, then the connection closes part-way (a FIN, so
            # the client keeps what it got and can resume with Range).
            self.send_head(status, "video/mp4", len(part), headers)
            self.wfile.write(part[:cut])
            self.close_connection = True
            return
        rate = self.sim.faults.download_bytes_per_second
        if rate and self.command == "GET":
            self.send_head(status, "video/mp4", len(part), headers)
            step = max(1, int(rate / 20))  # twenty writes a second
            for i in range(0, len(part), step):
                self.wfile.write(part[i : i + step])
                self.wfile.flush()
                time.sleep(step / rate)
            return
        self.send_body(status, part, "video/mp4", headers)


class _GatewayHandler(_Base):
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
            code = self.sim.next_html_status()
            text = "Bad Gateway" if code == 502 else "Service Temporarily Unavailable"
            self.send_body(code, NGINX_PAGE.format(code=code, text=text).encode(), "text/html")
            return False
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and auth[7:].strip():
            return True
        self.send_error_json(401, "invalid_api_key")
        return False

    def do_POST(self) -> None:
        self.sim.record("gateway", self)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
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
        if job is None:
            self.send_error_json(404, "task_not_exist")
        elif is_poll:
            sim = self.sim
            self.send_json(*poll_answer(job, f, sim.job_seconds, sim.base_url, sim.video_base_url))
        elif (state := job.state(self.sim.job_seconds)) != "completed":
            message = f"The video is not ready: the task is {DOC_WORDS[state]}."
            self.send_error_json(404, "video_not_ready", message)
        else:
            self.send_file(job)

    do_HEAD = do_GET


class _VideoHandler(_Base):
    """The CDN-like host: no key needed, a token in the query that may expire."""

    def do_GET(self) -> None:
        self.sim.record("video", self)
        parts = urlsplit(self.path)
        token = (parse_qs(parts.query).get("token") or [""])[0]
        m = re.fullmatch(r"/(files|redirect)/(task_[0-9a-f]+)(?:\.mp4)?", parts.path)
        job = self.sim.get(m.group(2)) if m else None
        if m is None or job is None:
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


def serve_forever(port: int = 8765, video_port: int = 0, **kw: Any) -> None:
    """`veo simulate`: run the simulator in the foreground until Ctrl+C."""
    sim = Simulator(port=port, video_port=video_port, **kw).start()
    print(f"Veo gateway simulator: BASE_URL {sim.base_url} (videos from {sim.video_base_url})")
    print(
        f"Any key works. Try: VEO_API_KEY=sk-anything veo --base-url {sim.base_url} "
        "generate --prompt 'a red kite' --wait    Ctrl+C stops.",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
