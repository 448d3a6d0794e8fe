"""Fault knobs for the simulator: each one makes it answer like some real gateway misbehaves.
All are off by default; tests flip them (even while the simulator runs)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

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


@dataclass
class Faults:
    failure_rate: float = 0.0  # share of jobs that fail (decided at create)
    seed: int | None = None  # makes every random choice repeatable
    block_audio: bool = False  # jobs with audio end "failed" by a safety filter naming audio
    latency: float = 0.0  # seconds before every gateway reply
    rate_limit_next: int = 0  # next N gateway requests get 429
    retry_after: float | None = None  # ... with this Retry-After (seconds)
    html_errors_next: int = 0  # next N gateway requests get a 502/503 HTML page
    reset_next_polls: int = 0  # next N polls: the socket closes without a reply
    hang_next_polls: float = 0.0  # seconds the next poll(s) wait before answering
    hang_polls_count: int = 0  # how many polls hang
    hang_after_post: float = 0.0  # the POST creates the job, then waits this long to answer
    unauthorized_polls_next: int = 0  # next N polls answer 401
    out_of_credit: bool = False  # POST answers 403 insufficient_user_quota
    unknown_first_polls: int = 0  # each job's first N polls read status "unknown"
    not_found_first_polls: int = 0  # each job's first N polls answer 404 task not exist
    status_words: str = "doc"  # "doc" | "synonyms" | "novel"
    progress_style: str = "int"  # one of PROGRESS_STYLES, or "mixed"
    url_style: str = "video_url"  # one of URL_STYLES, or "mixed"
    error_style: str = "error_object"  # one of ERROR_STYLES, or "mixed"
    model_alias: bool = False  # poll replies name the upstream model, not the one sent
    drop_download_after: int | None = None  # first download of each file breaks after N bytes
    expire_links_after: float | None = None  # a link's token dies this long after issue
    download_not_mp4: bool = False  # the video host answers 200 with an HTML page
    _rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    @property
    def rng(self) -> random.Random:
        return self._rng

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
        """Consume one of a countdown knob (`rate_limit_next`, ...): True when it fired."""
        left = getattr(self, name)
        if left > 0:
            setattr(self, name, left - 1)
            return True
        return False

    def pick(self, style: str, choices: tuple[str, ...]) -> str:
        return self._rng.choice(choices) if style == "mixed" else style
