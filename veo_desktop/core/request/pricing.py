"""What a video costs, as estimates (the gateway's settlement record is final): a per-second price
table (Google's list prices unless edited), one request's estimate, spend per day and month."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from ..files import write_json_atomic
from ..i18n import msg
from ..jobs.job import Job, JobState
from .models import GenerationRequest, Mode, Model

CURRENCY = "USD"
EXTEND_SECONDS = 7  # an extension adds about 7 s; no duration is sent, so bill what comes back
DEFAULT_SECONDS = 8  # Veo's own default when a request names no duration
BILLED_STATES = frozenset({JobState.COMPLETED, JobState.DOWNLOADED})
#: A file in a data dir the offline demo has used: its jobs ran on the simulator and are never
#: spend, also when a later, real session opens the same folder.
DEMO_MARKER = "demo-jobs-are-not-billed"


def mark_demo_data(data_dir: Path) -> None:
    """Note that the offline demo writes jobs into `data_dir` (idempotent)."""
    marker = data_dir / DEMO_MARKER
    if not marker.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        marker.write_text("Jobs in this folder ran on Veo Desktop's offline demo.\n", "utf-8")


def is_demo_data(data_dir: Path) -> bool:
    return (data_dir / DEMO_MARKER).exists()


@dataclass(frozen=True)
class Price:
    """USD per second of output video, with and without generated audio."""

    per_second_audio: Decimal
    per_second_silent: Decimal

    def per_second(self, audio: bool) -> Decimal:
        return self.per_second_audio if audio else self.per_second_silent


def _p(audio: str, silent: str) -> Price:
    return Price(Decimal(audio), Decimal(silent))


def _key(model_id: str | Model) -> str:
    return model_id.value if isinstance(model_id, Model) else str(model_id).strip()


#: LIST prices, USD per output second: what Google charges its own customers. A gateway sets
#: its own prices (often lower) and may change them at any time; its settlement record is final.
#: Sources, read 2026-11-24:
#:   with audio - https://ai.google.dev/gemini-api/docs/pricing ("per second"; the Gemini API
#:                always generates audio, so it lists one price per resolution)
#:   silent     - https://cloud.google.com/vertex-ai/generative-ai/pricing (Veo section, "Video
#:                generation" rows beside "Video + Audio generation"; "1 count" = 1 s)
#: Google's pages were not reachable from the build machine, so these come from dated verbatim
#: quotes of them. All quotes agree on the audio prices and on Standard. Fast silent is the weak
#: spot: 720p/1080p are from a September 2026 quote (an older July copy had them equal to the
#: audio price) and 4k from the July copy alone. Re-check those three first.
#: 4k IS priced separately (above 1080p) on both tiers, so it has its own rows; 720p and 1080p
#: cost the same on Standard, while Fast charges more for 1080p.
LIST_PRICES: Mapping[str, Price] = MappingProxyType(
    {
        Model.STANDARD_720P.value: _p("0.40", "0.20"),
        Model.STANDARD_1080P.value: _p("0.40", "0.20"),
        Model.STANDARD_4K.value: _p("0.60", "0.40"),
        Model.FAST_720P.value: _p("0.10", "0.08"),
        Model.FAST_1080P.value: _p("0.12", "0.10"),
        Model.FAST_4K.value: _p("0.30", "0.25"),
    }
)


def _decimal(value: Any) -> Decimal:
    """A price from JSON: a string (as we write it) or a plain number; never negative or NaN."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"not a price: {value!r}")
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"not a price: {value!r}") from exc
    if not d.is_finite() or d < 0:
        raise ValueError(f"not a price: {value!r}")
    return d


class PriceTable:
    """Immutable model ID -> Price. The editor makes a changed copy with `with_price`."""

    currency: ClassVar[str] = CURRENCY
    DEFAULT: ClassVar[PriceTable]  # the list prices; set below the class

    def __init__(self, prices: Mapping[str, Price]) -> None:
        self._prices: Mapping[str, Price] = MappingProxyType(dict(prices))

    def price(self, model_id: str | Model) -> Price | None:
        return self._prices.get(_key(model_id))

    def with_price(self, model_id: str | Model, price: Price) -> PriceTable:
        return PriceTable({**self._prices, _key(model_id): price})

    def items(self) -> list[tuple[str, Price]]:
        """Known models first in their enum order, then any others the user added."""
        order = {m.value: i for i, m in enumerate(Model)}
        return sorted(self._prices.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PriceTable) and dict(self._prices) == dict(other._prices)

    def __hash__(self) -> int:
        return hash(frozenset(self._prices.items()))

    def to_json(self) -> dict[str, Any]:
        # Decimals as strings: a float would turn 0.10 into 0.1000000000000000055...
        return {
            "currency": self.currency,
            "prices": {
                k: {
                    "per_second_audio": str(p.per_second_audio),
                    "per_second_silent": str(p.per_second_silent),
                }
                for k, p in self.items()
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> PriceTable:
        """Prices in `data` over the list prices (a file from an older version still prices a
        newer model). ValueError when anything in it is not a price we can trust."""
        if not isinstance(data, dict) or not isinstance(data.get("prices", {}), dict):
            raise ValueError("price table must be an object with a 'prices' object")
        if data.get("currency", CURRENCY) != CURRENCY:
            raise ValueError(f"only {CURRENCY} prices are supported")
        prices = dict(LIST_PRICES)
        for model_id, entry in data.get("prices", {}).items():
            if not isinstance(entry, dict):
                raise ValueError(f"price for {model_id!r} must be an object")
            prices[str(model_id).strip()] = Price(
                _decimal(entry.get("per_second_audio")), _decimal(entry.get("per_second_silent"))
            )
        return cls(prices)

    @classmethod
    def load(cls, path: Path) -> PriceTable:
        """The saved table, or the list prices when the file is missing or unreadable: a bad
        file must never stop the app from showing an estimate."""
        try:
            return cls.from_json(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            return cls.DEFAULT

    def save(self, path: Path) -> None:
        """Atomic: a crash mid-save leaves the previous file, never half of one."""
        write_json_atomic(path, self.to_json())


PriceTable.DEFAULT = PriceTable(LIST_PRICES)


@dataclass(frozen=True)
class Estimate:
    amount: Decimal  # unrounded; `format_money` rounds for display
    seconds: int
    model_id: str
    audio: bool
    note: str


def estimate(
    table: PriceTable,
    *,
    model_id: str | Model,
    mode: Mode | str,
    duration: int | None,
    audio: bool | None,
) -> Estimate | None:
    """What one request should cost at `table`'s prices. None when the model has no price or
    the duration is not a positive number of seconds (nothing sensible to show)."""
    key = _key(model_id)
    price = table.price(key)
    if price is None:
        return None
    notes: list[str] = []
    if str(mode) == Mode.EXTEND.value:
        seconds = EXTEND_SECONDS
        notes.append(
            msg("extension sends no duration; Veo adds about {seconds} s", seconds=EXTEND_SECONDS)
        )
    elif duration is None:
        seconds = DEFAULT_SECONDS
        notes.append(
            msg("no duration given; Veo's default is {seconds} s", seconds=DEFAULT_SECONDS)
        )
    elif duration <= 0:
        return None
    else:
        seconds = duration
    if audio is None:  # the field is left out and upstream generates sound by default
        notes.append(msg("audio on (upstream default)"))
    with_audio = audio is not False
    amount = price.per_second(with_audio) * seconds
    return Estimate(amount, seconds, key, with_audio, "; ".join(notes))


def estimate_request(table: PriceTable, req: GenerationRequest) -> Estimate | None:
    """`estimate` for a request as the user composed it (the window and `veo generate`)."""
    return estimate(
        table, model_id=req.model, mode=req.mode, duration=req.duration, audio=req.generate_audio
    )


def _int_or_none(value: Any) -> int | None:
    try:
        return None if value is None or isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        return None


def job_cost(job: Job, table: PriceTable) -> Decimal | None:
    """The estimated charge for a finished job: None when it was not billed (failed, blocked,
    uncertain, still running) or cannot be priced (a model the table does not know)."""
    if job.state not in BILLED_STATES or job.error_kind == "blocked":
        return None
    req: Mapping[str, Any] = job.request if isinstance(job.request, dict) else {}
    audio = req.get("generate_audio")
    est = estimate(
        table,
        model_id=str(req.get("model") or job.model),
        mode=str(req.get("mode") or job.mode),
        duration=_int_or_none(req.get("duration")),
        audio=audio if isinstance(audio, bool) else None,
    )
    return est.amount if est is not None else None


def _spend(jobs: Iterable[Job], table: PriceTable, month: bool) -> list[tuple[date, Decimal]]:
    totals: defaultdict[date, Decimal] = defaultdict(Decimal)
    for job in jobs:
        cost = job_cost(job, table)
        if cost is None:
            continue
        # Local time: "what did I spend on Tuesday" means the user's Tuesday, not UTC's.
        day = datetime.fromtimestamp(job.completed_at or job.created_at).date()
        totals[day.replace(day=1) if month else day] += cost
    return sorted(totals.items())


def spend_by_day(jobs: Iterable[Job], table: PriceTable) -> list[tuple[date, Decimal]]:
    """(local date, estimated spend), oldest first; days with no billed job are left out."""
    return _spend(jobs, table, month=False)


def spend_by_month(jobs: Iterable[Job], table: PriceTable) -> list[tuple[date, Decimal]]:
    """(first day of the month, estimated spend), oldest first."""
    return _spend(jobs, table, month=True)


def format_money(amount: Decimal) -> str:
    """'$3.20': two decimals, half-up (the way people round money, not banker's rounding)."""
    q = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{'-' if q < 0 else ''}${abs(q):,.2f}"
