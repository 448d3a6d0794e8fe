"""The offline demo: core services wired to a private in-process simulator, shared by the app's
and the CLI's `--demo`. Lives outside core so core never depends on the simulator."""

from __future__ import annotations

from .core.jobs.poll_step import PollPolicy
from .core.paths import Paths
from .core.request.pricing import mark_demo_data
from .core.services import Services, build_services
from .simulator import Simulator

DEMO_KEY = "sk-veo-desktop-demo"  # the offline simulator takes any key; this one is never stored


def build_demo_services(
    paths: Paths,
    *,
    job_seconds: float,
    max_height: int | None = None,
    policy: PollPolicy | None = None,
    dialect: str = "documented",
) -> Services:
    """Services wired to a private in-process simulator, playing the gateway of `dialect`
    (simulator.DIALECTS), that stops when they close. Its clips come at the model's true size
    (what the clip checks expect); `max_height` asks for small previews instead."""
    mark_demo_data(paths.data_dir)  # its jobs are never spend, whichever front end made them
    sim = Simulator(job_seconds=job_seconds, max_height=max_height, dialect=dialect).start()
    services = build_services(
        sim.base_url,
        paths=paths,
        key=lambda: DEMO_KEY,
        policy=policy or PollPolicy(first_delay=1.0, max_delay=2.0),
    )
    services._closers.append(sim.stop)
    return services
