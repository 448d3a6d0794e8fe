"""The offline gateway: its routes on one loopback port and the finished MP4s on another (a second
origin, like a CDN), served from daemon threads so tests, the CLI and the app run it in-process."""

from __future__ import annotations

import copy
import ipaddress
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from .dialects import check_dialect, make_quirky, render_inputs
from .faults import Faults
from .handlers import GatewayHandler, SimServer, VideoHandler
from .jobs import SimJob, make_job, render
from .newapi import new_task_id


@dataclass
class RecordedRequest:
    """One request either server received, for tests to inspect."""

    server: str  # "gateway" or "video"
    method: str
    path: str
    headers: dict[str, str]
    time: float = field(default_factory=time.time)


class Simulator:
    """The gateway and its video host, each on its own loopback port. Jobs live in memory,
    their MP4s in a private temp dir that `stop()` removes."""

    def __init__(
        self,
        port: int = 0,
        video_port: int = 0,
        faults: Faults | None = None,
        job_seconds: float = 6.0,
        max_height: int | None = None,  # None: the model's true size; a number: small previews
        host: str = "127.0.0.1",
        dialect: str = "documented",  # which real gateway it speaks: one of DIALECTS
        task_row_delay: float = 1.0,  # new-api: how long after a create the task is not found
    ) -> None:
        self.host = _loopback(host)
        self.port, self.video_port = port, video_port
        self.dialect = check_dialect(dialect)
        self.faults = faults or Faults()
        if dialect == "quirky":
            make_quirky(self.faults)
        self.task_row_delay = task_row_delay
        self.job_seconds = job_seconds
        self.max_height = max_height
        self.post_count = 0
        self.requests: list[RecordedRequest] = []
        self._jobs: dict[str, SimJob] = {}
        self._lock = threading.Lock()
        self._html_errors = 0
        self._dir: Path | None = None
        self._servers: list[SimServer] = []

    # -- life ---------------------------------------------------------------------------------

    def start(self) -> Simulator:
        self._dir = Path(tempfile.mkdtemp(prefix="veo-sim-"))
        gateway = SimServer((self.host, self.port), GatewayHandler, self)
        try:
            video = SimServer((self.host, self.video_port), VideoHandler, self)
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

    def forwarded(self, task_id: str) -> dict[str, Any]:
        """What this gateway sent upstream for the job, in Veo's predictLongRunning shape
        (`{"instances": [...], "parameters": {...}}`); the clip follows it."""
        return copy.deepcopy(self._jobs[task_id].forwarded)

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
        job = make_job(body, mode, self.faults, self._dir, dialect=self.dialect)
        return self._launch(job)

    def create_forwarded(
        self, body: dict[str, Any], forwarded: dict[str, Any], upstream_model: str
    ) -> SimJob:
        """A new-api job: its mode and clip come from what was forwarded; its row (what polls
        find) is saved `task_row_delay` seconds after the reply."""
        assert self._dir is not None, "start() the simulator first"
        mode = render_inputs(forwarded, upstream_model)[1]
        job = make_job(
            body,
            mode,
            self.faults,
            self._dir,
            dialect=self.dialect,
            forwarded=forwarded,
            task_id=new_task_id(),
        )
        job.upstream_model = upstream_model
        job.row_at = job.created + self.task_row_delay
        return self._launch(job)

    def _launch(self, job: SimJob) -> SimJob:
        with self._lock:
            self._jobs[job.task_id] = job
        if job.fail_reason is None and not job.blocked:  # no video for a doomed job
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


def serve_forever(
    port: int = 8765, video_port: int = 0, dialect: str = "documented", **kw: Any
) -> None:
    """`veo simulate`: run the simulator in the foreground until Ctrl+C."""
    sim = Simulator(port=port, video_port=video_port, dialect=dialect, **kw).start()
    print(
        f"Veo gateway simulator ({sim.dialect}): BASE_URL {sim.base_url} "
        f"(videos from {sim.video_base_url})"
    )
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
