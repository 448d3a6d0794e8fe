"""Fault knobs for the simulator: each one makes it answer the way some real gateway misbehaves.
All are off by default; tests flip them, even while the simulator runs."""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

URL_STYLES = (
    "video_url",
    "url",
    "metadata",
    "wrapped",
    "wrapped_result",
    "data_uri",
    "none",
    "gateway",
    "redirect",
)
PROGRESS_STYLES = ("int", "percent", "absent", "synthetic")
ERROR_STYLES = ("error_object", "error_string", "fail_reason", "message")
STATUS_WORDS = ("doc", "synonyms", "novel")
T = TypeVar("T")


@dataclass
class Faults:
    """What the simulator gets wrong on purpose. Countdown knobs (`*_next`) are used up."""

    failure_rate: float = 0.0
    """Share (0..1) of jobs that end "failed"; decided per job at create time."""
    seed: int | None = None
    """Seeds every random choice (failures, per-job styles, status words) for repeatable runs."""
    block_audio: bool = False
    """Jobs with audio on (or unspecified) end "failed" by a safety filter that names the audio,
    as upstream does; such jobs are not charged."""
    latency: float = 0.0
    """Seconds added before every gateway reply."""
    rate_limit_next: int = 0
    """The next N gateway requests get 429 rate_limited."""
    retry_after: float | None = None
    """With `rate_limit_next`: send `Retry-After: <int seconds>`."""
    html_errors_next: int = 0
    """The next N gateway requests get an nginx HTML page: 502, then 503, alternating."""
    reset_next_polls: int = 0
    """The next N polls (GET /v1/videos/{id}) close the socket with a reset and no reply."""
    hang_next_polls: float = 0.0
    """Seconds the next poll waits before answering (to exercise client timeouts)."""
    hang_polls_count: int = 1
    """How many polls `hang_next_polls` delays; once used up, both knobs return to default."""
    hang_after_post: float = 0.0
    """The POST creates and counts the job, then waits this long before replying, so a client
    that times out cannot know whether its job exists ("submission uncertain")."""
    unauthorized_polls_next: int = 0
    """The next N polls answer 401 (a key out of credit), while the jobs go on."""
    out_of_credit: bool = False
    """Every POST answers 403 insufficient_user_quota."""
    unknown_first_polls: int = 0
    """Each job's first N polls (after any not-found ones) read status "unknown"."""
    not_found_first_polls: int = 0
    """Each job's first N polls answer 404 "task not exist"."""
    status_words: str = "doc"
    """"doc" (queued/in_progress/completed/failed), "synonyms" (per job, a random synonym in a
    random letter case) or "novel" (the first polls use a word no client knows)."""
    progress_style: str = "int"
    """"int" (0-100), "percent" ("50%"), "absent", "synthetic" (50 while running) or "mixed"."""
    url_style: str = "video_url"
    """Where the video address goes: one of URL_STYLES, or "mixed" (chosen per job)."""
    error_style: str = "error_object"
    """Where a failure reason goes: one of ERROR_STYLES, or "mixed" (chosen per job)."""
    model_alias: bool = False
    """Poll replies name the upstream model ("veo-3.1-generate-preview"), not the one sent."""
    drop_download_after: int | None = None
    """The first download of each file sends the full Content-Length, then breaks off after
    this many body bytes; later requests (a resume with Range) are served in full."""
    expire_links_after: float | None = None
    """A video link's token dies this many seconds after the poll that issued it (403);
    every poll issues a fresh one."""
    expired_links_next: int = 0
    """The next N video links are dead on arrival (403 from the video host), like a link that
    sat unused past its expiry; the polls after them issue good ones."""
    download_bytes_per_second: float | None = None
    """Serve video bytes at this rate (a slow CDN), so a download can be caught midway."""
    download_not_mp4: bool = False
    """The video host answers 200 text/html (a login or error page) instead of the file."""
    clip_deleted: bool = False
    """Upstream deleted the finished clips (Google keeps them about 2 days): the video host and
    the content route answer 404; new-api's content route answers 502."""
    _rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def chance(self, p: float) -> bool:
        """True with probability p, from the seeded generator."""
        with self._lock:
            return p > 0 and self._rng.random() < p

    def choice(self, options: Sequence[T]) -> T:
        """A seeded random pick."""
        with self._lock:
            return self._rng.choice(options)

    @classmethod
    def quirky(cls, seed: int | None = None) -> Faults:
        """A gateway like the real ones: every reply shape CONTRACT.md lists, mixed per job."""
        return cls(
            seed=seed,
            status_words="synonyms",
            progress_style="mixed",
            url_style="mixed",
            error_style="mixed",
            unknown_first_polls=1,
            not_found_first_polls=1,
            model_alias=True,
        )

    def take(self, name: str) -> bool:
        """Use up one of a countdown knob (`rate_limit_next`, ...): True when it fired.
        Locked because the server answers requests on many threads at once."""
        with self._lock:
            left = getattr(self, name)
            if left > 0:
                setattr(self, name, left - 1)
                return True
            return False

    def take_hang(self) -> float:
        """Seconds this poll should hang (0 when the knob is off or used up)."""
        with self._lock:
            if self.hang_next_polls <= 0 or self.hang_polls_count <= 0:
                return 0.0
            seconds = self.hang_next_polls
            self.hang_polls_count -= 1
            if self.hang_polls_count == 0:  # used up: re-arming needs only hang_next_polls
                self.hang_next_polls, self.hang_polls_count = 0.0, 1
            return seconds

    def pick(self, style: str, choices: tuple[str, ...]) -> str:
        """`style` itself, or for "mixed" a seeded random one of `choices`."""
        return self.choice(choices) if style == "mixed" else style
