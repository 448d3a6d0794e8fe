"""Loopback servers the benches run as separate processes, so serving never competes with the
measured app for its interpreter: a file server (zero-copy `sendfile`, so it is never the
bottleneck) and the gateway simulator. Each prints its port on stdout and serves until killed.

    python -m bench.servers file PATH
    python -m bench.servers sim JOB_SECONDS
"""

from __future__ import annotations

import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def serve_file(path: Path) -> None:
    size = path.stat().st_size

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "video/mp4")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            with open(path, "rb") as f:
                self.connection.sendfile(f)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


def serve_simulator(job_seconds: float) -> None:
    from veo_desktop.simulator import Simulator

    os.nice(10)  # its clip rendering stands in for a remote gateway's: not the app's CPU
    sim = Simulator(job_seconds=job_seconds, max_height=144).start()
    print(sim.port, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "file":
        serve_file(Path(sys.argv[2]))
    else:
        serve_simulator(float(sys.argv[2]))
    os._exit(0)
