"""The offline gateway: the same routes as the real one on loopback, plus a second loopback
server (another origin, like a CDN) that serves the finished MP4s with Range support.
Standard-library HTTP in daemon threads, so tests and the app can run it in-process."""

from __future__ import annotations

import json
import re
import shutil
import socket
import struct
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .faults import Faults
from .jobs import Invalid, SimJob, make_job, render, reply, validate

HTML_502 = (
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad "
    "Gateway</h1></center><hr><center>nginx</center></body></html>"
)
HTML_NOT_MP4 = "<html><body><h1>Access denied</h1><p>Sign in to view this file.</p></body></html>"


@dataclass
class RecordedRequest:
    server: str  # "gateway" or "video"
    method: str
    path: str
    headers: dict[str, str]
    time: float = field(default_factory=time.time)


class Simulator:
    def __init__(
        self,
        port: int = 0,
        video_port: int = 0,
        faults: Faults | None = None,
        job_seconds: float = 6.0,
        max_height: int = 720,
        host: str = "127.0.0.1",
    ) -> None:
        if not (host.startswith("127.") or host in ("localhost", "::1")):
            raise ValueError("the simulator serves loopback addresses only")
        self.host, self.port, self.video_port = host, port, video_port
        self.faults = faults or Faults()
        self.job_seconds = job_seconds
        self.max_height = max_height
        self.post_count = 0
        self.requests: list[RecordedRequest] = []
        self._jobs: dict[str, SimJob] = {}
        self._lock = threading.Lock()
        self._dir = Path(tempfile.mkdtemp(prefix="veo-sim-"))
        self._servers: list[ThreadingHTTPServer] = []

    # -- life --------------------------------------------------------------------------------------

    def start(self) -> Simulator:
        gateway = _Server((self.host, self.port), _GatewayHandler, self)
        video = _Server((self.host, self.video_port), _VideoHandler, self)
        self._servers = [gateway, video]
        self.port, self.video_port = gateway.server_address[1], video.server_address[1]
        for s in self._servers:
            threading.Thread(target=s.serve_forever, daemon=True, name="veo-sim").start()
        return self

    def stop(self) -> None:
        for s in self._servers:
            s.shutdown()
            s.server_close()
        self._servers = []
        shutil.rmtree(self._dir, ignore_errors=True)

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

    # -- for tests ---------------------------------------------------------------------------------

    def served_bytes(self, task_id: str) -> bytes:
        return self._jobs[task_id].path.read_bytes()

    def job(self, task_id: str) -> dict[str, Any]:
        j = self._jobs[task_id]
        return {
            "task_id": j.task_id,
            "mode": j.mode,
            "body": j.body,
            "polls": j.polls,
            "failure_reason": j.fail_reason,
            "url_style": j.url_style,
            "downloads": j.downloads,
            "rendered": j.rendered.is_set(),
        }

    # -- used by the handlers ---------------------------------------------------------------------

    def record(self, server: str, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(RecordedRequest(server, h.command, h.path, dict(h.headers)))

    def create(self, body: dict[str, Any], mode: str) -> SimJob:
        job = make_job(body, mode, self.faults, self._dir)
        with self._lock:
            self._jobs[job.task_id] = job
        source = self._source_clip(str(body.get("video") or "")) if mode == "extend" else None
        threading.Thread(
            target=render,
            args=(job,),
            daemon=True,
            kwargs={"max_height": self.max_height, "video_source": source},
        ).start()
        return job

    def get(self, task_id: str) -> SimJob | None:
        return self._jobs.get(task_id)

    def _source_clip(self, url: str) -> Path | None:
        m = re.search(r"(task_[0-9a-f]+)", url)
        job = self._jobs.get(m.group(1)) if m else None
        if job is None:
            return None
        job.rendered.wait(30)
        return job.path


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], handler: type, sim: Simulator) -> None:
        self.sim = sim
        super().__init__(addr, handler)


class _Base(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read stderr
        pass

    @property
    def sim(self) -> Simulator:
        return self.server.sim

    def send_body(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self.send_body(
            status, json.dumps(obj, ensure_ascii=False).encode(), "application/json", headers
        )

    def send_error_json(
        self,
        status: int,
        message: str,
        etype: str,
        code: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_json(
            status, {"error": {"message": message, "type": etype, "code": code}}, headers
        )

    def reset(self) -> None:
        """Close with a TCP reset and no reply (what a dying proxy does)."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def send_file(self, job: SimJob) -> None:
        """The MP4 with Range support; the first download may break off (a fault knob)."""
        job.rendered.wait(30)
        data = job.path.read_bytes()
        start, end, status = 0, len(data) - 1, 200
        m = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", "").strip())
        if m and (m.group(1) or m.group(2)):
            if m.group(1):
                start = int(m.group(1))
                end = int(m.group(2)) if m.group(2) else end
            else:
                start = max(0, len(data) - int(m.group(2)))
            if start >= len(data):
                self.send_body(416, b"", "text/plain", {"Content-Range": f"bytes */{len(data)}"})
                return
            end = min(end, len(data) - 1)
            status = 206
        part = data[start : end + 1]
        headers = {"Accept-Ranges": "bytes"}
        if status == 206:
            headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        job.downloads += 1
        cut = self.sim.faults.drop_download_after
        if cut is not None and job.downloads == 1 and cut < len(part):
            self.send_response(status)
            self.send_header("Content-Type", "video/mp4")
            self.send_header("Content-Length", str(len(part)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(part[:cut])
            self.wfile.flush()
            self.reset()
            return
        self.send_body(status, part, "video/mp4", headers)


class _GatewayHandler(_Base):
    def _authorised(self) -> bool:
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and auth[7:].strip():
            return True
        self.send_error_json(401, "Invalid token", "invalid_request_error", "invalid_api_key")
        return False

    def _gate(self) -> bool:
        """Faults every gateway request may hit first. False when a reply was already sent."""
        f = self.sim.faults
        if f.latency:
            time.sleep(f.latency)
        if f.take("rate_limit_next"):
            headers = {"Retry-After": str(int(f.retry_after))} if f.retry_after is not None else {}
            self.send_error_json(
                429, "Rate limit exceeded", "rate_limit_error", "rate_limited", headers
            )
            return False
        if f.take("html_errors_next"):
            status = 502 if f.html_errors_next % 2 == 0 else 503
            self.send_body(
                status,
                HTML_502.replace("502 Bad Gateway", f"{status} Bad Gateway").encode(),
                "text/html",
            )
            return False
        return self._authorised()

    def do_POST(self) -> None:
        self.sim.record("gateway", self)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if urlsplit(self.path).path.rstrip("/") != "/v1/video/generations":
            self.send_error_json(404, "not found", "invalid_request_error", "not_found")
            return
        with self.sim._lock:
            self.sim.post_count += 1
        if not self._gate():
            return
        f = self.sim.faults
        if f.out_of_credit:
            self.send_error_json(
                403,
                "user quota is not enough",
                "insufficient_user_quota",
                "insufficient_user_quota",
            )
            return
        try:
            body = json.loads(raw or b"null")
            mode = validate(body)
        except (ValueError, Invalid) as exc:
            self.send_error_json(400, str(exc), "invalid_request_error", "invalid_request")
            return
        job = self.sim.create(body, mode)
        if f.hang_after_post:
            time.sleep(f.hang_after_post)
        self.send_json(
            200,
            {
                "id": job.task_id,
                "task_id": job.task_id,
                "object": "video.generation.job",
                "model": job.model,
                "status": "queued",
                "progress": 0,
                "created_at": int(job.created),
            },
        )

    def do_GET(self) -> None:
        self.sim.record("gateway", self)
        path = urlsplit(self.path).path
        m = re.fullmatch(r"/v1/videos/([^/]+)(/content)?", path)
        if not m:
            self.send_error_json(404, "not found", "invalid_request_error", "not_found")
            return
        f = self.sim.faults
        if not m.group(2):
            if f.take("reset_next_polls"):
                self.reset()
                return
            if f.hang_polls_count > 0:
                f.hang_polls_count -= 1
                time.sleep(f.hang_next_polls)
        if not self._gate():
            return
        if not m.group(2) and f.take("unauthorized_polls_next"):
            self.send_error_json(
                401, "token quota exhausted", "invalid_request_error", "invalid_api_key"
            )
            return
        job = self.sim.get(m.group(1))
        if job is None:
            self.send_error_json(404, "task not exist", "invalid_request_error", "task_not_exist")
            return
        if m.group(2):
            self.send_file(job)
            return
        if job.polls < f.not_found_first_polls:
            job.polls += 1
            self.send_error_json(404, "task not exist", "invalid_request_error", "task_not_exist")
            return
        if job.polls < f.not_found_first_polls + f.unknown_first_polls:
            job.polls += 1
            self.send_json(200, {"id": job.task_id, "task_id": job.task_id, "status": "unknown"})
            return
        self.send_json(
            200,
            reply(
                job,
                f,
                job_seconds=self.sim.job_seconds,
                base_url=self.sim.base_url,
                video_base=self.sim.video_base_url,
                expire_after=f.expire_links_after,
            ),
        )


class _VideoHandler(_Base):
    def do_GET(self) -> None:
        self.sim.record("video", self)
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        token = (query.get("token") or [""])[0]
        m = re.fullmatch(r"/(files|redirect)/(task_[0-9a-f]+)(?:\.mp4)?", parts.path)
        job = self.sim.get(m.group(2)) if m else None
        if job is None or not m:
            self.send_body(404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml")
            return
        expiry = job.tokens.get(token)
        if expiry is None or time.time() > expiry:
            self.send_body(
                403,
                b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                "application/xml",
            )
            return
        if m.group(1) == "redirect":
            self.send_body(
                302, b"", "text/plain", {"Location": f"/files/{job.task_id}.mp4?token={token}"}
            )
            return
        if self.sim.faults.download_not_mp4:
            self.send_body(200, HTML_NOT_MP4.encode(), "text/html")
            return
        self.send_file(job)


def serve_forever(port: int = 8765, video_port: int = 0, **kw: Any) -> None:
    """`veo simulate`: run until Ctrl+C."""
    sim = Simulator(port=port, video_port=video_port, **kw).start()
    print(f"Veo gateway simulator at {sim.base_url} (videos from {sim.video_base_url}).")
    print(
        f"Try: veo --base-url {sim.base_url} generate --prompt 'a red kite' --wait "
        "(any key works: VEO_API_KEY=sk-anything). Ctrl+C stops.",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
