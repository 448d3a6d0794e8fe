"""new-api's OpenAI-video routes over a Gemini Veo channel, as its source does them (QuantumNous/
new-api at e2c7aa7b1): request parsing, the Veo payload it forwards, its reply and error bodies."""

from __future__ import annotations

import hashlib
import json
import secrets
import string
import time
from dataclasses import dataclass, field
from typing import Any

from .dialects import inline_image
from .jobs import MODELS, SimJob

UPSTREAM_MODELS = {
    model: "veo-3.1-fast-generate-preview" if "fast" in model else "veo-3.1-generate-preview"
    for model in MODELS
}
"""The channel's model mapping: our IDs to Google's names (what poll replies then show)."""
GROUP = "default"
ALNUM = string.digits + string.ascii_letters
# common/utils.go requestIdPrefix: the first 4 bytes of sha256(module path), in hex.
REQUEST_ID_PREFIX = hashlib.sha256(b"github.com/QuantumNous/new-api").hexdigest()[:8]
CONTENT_CUT_SECONDS = 60.0
"""controller/video_proxy.go: the upstream fetch runs under a 60 s context."""
NOT_COMPLETED = "Task is not completed yet, current status: {}"
# The Veo parameters new-api reads from `metadata` (dto.go VeoParameters), in its JSON order.
VEO_PARAMS = {
    "sampleCount": int,
    "durationSeconds": int,
    "aspectRatio": str,
    "resolution": str,
    "negativePrompt": str,
    "personGeneration": str,
    "storageUri": str,
    "compressionQuality": str,
    "resizeMode": str,
    "seed": int,
    "generateAudio": bool,
}


@dataclass
class Reply:
    status: int
    body: bytes
    ctype: str = "application/json; charset=utf-8"  # gin's c.JSON
    headers: dict[str, str] = field(default_factory=dict)


class Rejected(Exception):
    """A request new-api answers with this reply instead of creating a task."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


def go_json(obj: Any) -> bytes:
    """encoding/json's bytes: compact, UTF-8, with <, > and & escaped as Go does."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text.encode()


def new_task_id() -> str:
    """model/task.go GenerateTaskID: "task_" and 32 letters or digits."""
    return "task_" + "".join(secrets.choice(ALNUM) for _ in range(32))


def request_id() -> str:
    """common/utils.go NewRequestId: UTC time to the nanosecond, the prefix, 8 random chars."""
    ns = time.time_ns()
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(ns // 1_000_000_000))
    tail = "".join(secrets.choice(ALNUM) for _ in range(8))
    return f"{stamp}{ns % 1_000_000_000:09d}{REQUEST_ID_PREFIX}{tail}"


def task_error(status: int, code: str, message: str) -> Reply:
    """dto.TaskError through respondTaskError (controller/relay.go), which rewrites any 429."""
    if status == 429:
        message = "当前分组上游负载已饱和，请稍后再试"
    return Reply(status, go_json({"code": code, "message": message, "data": None}))


def abort_openai(status: int, message: str, rid: str, code: str = "") -> Reply:
    """middleware/utils.go abortWithOpenAiMessage: a gin.H, so its keys come out sorted."""
    error = {"code": code, "message": f"{message} (request id: {rid})", "type": "new_api_error"}
    return Reply(status, go_json({"error": error}))


def invalid_token(rid: str) -> Reply:
    """middleware/auth.go TokenAuth: a missing, unknown, exhausted or expired key alike."""
    return abort_openai(401, "Invalid token", rid)


def proxy_error(status: int, kind: str, message: str) -> Reply:
    """controller/video_proxy.go videoProxyError: no `code` in this one."""
    return Reply(status, go_json({"error": {"message": message, "type": kind}}))


def not_found(method: str, path: str) -> Reply:
    """controller/relay.go RelayNotFound (types.OpenAIError, struct order), for any /v1 path
    the router lacks, HEAD included."""
    error = {"message": f"Invalid URL ({method} {path})", "type": "invalid_request_error"}
    return Reply(404, go_json({"error": {**error, "param": "", "code": ""}}))


TASK_NOT_EXIST = task_error(400, "task_not_exist", "task_not_exist")


def check_model(raw: bytes, rid: str) -> str:
    """middleware/distributor.go: the model, read before anything else about the body."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = ...
    if body is ...:
        why = "Invalid request: invalid JSON request body"
        raise Rejected(abort_openai(400, f"Invalid request: {why}", rid))
    model = body.get("model") if isinstance(body, dict) else None
    if model is not None and not isinstance(model, str):
        why = "Invalid request: field model must be a string"
        raise Rejected(abort_openai(400, f"Invalid request: {why}", rid))
    if not model:
        message = "Model name not specified, model name cannot be empty"
        raise Rejected(abort_openai(400, message, rid))
    if model not in UPSTREAM_MODELS:
        message = f"No available channel for model {model} under group {GROUP} (distributor)"
        raise Rejected(abort_openai(503, message, rid, "model_not_found"))
    return model


def parse_submit(raw: bytes) -> dict[str, Any]:
    """relay/common relay_utils.go ValidateBasicTaskRequest over TaskSubmitReq."""
    body = json.loads(raw.decode("utf-8"))
    if not isinstance(body, dict):
        raise Rejected(task_error(400, "invalid_request", _type_error("object", "TaskSubmitReq")))
    req: dict[str, Any] = {}
    for name in ("prompt", "model", "mode", "image", "size", "seconds", "input_reference"):
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            why = _type_error(_json_kind(value), f"TaskSubmitReq.{name}", "string")
            raise Rejected(task_error(400, "invalid_request", why))
        req[name] = value or ""
    images = body.get("images")
    if images is not None and not (
        isinstance(images, list) and all(isinstance(i, str) for i in images)
    ):
        why = _type_error(_json_kind(images), "TaskSubmitReq.images", "[]string")
        raise Rejected(task_error(400, "invalid_request", why))
    req["images"] = list(images or [])
    # UnmarshalJSON: duration as an int or a numeric string; anything else leaves 0.
    duration = body.get("duration")
    req["duration"] = 0
    if isinstance(duration, int) and not isinstance(duration, bool):
        req["duration"] = duration
    elif isinstance(duration, str) and duration.strip().lstrip("-").isdigit():
        req["duration"] = int(duration)
    # metadata: an object, or a string holding one.
    metadata = body.get("metadata")
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = None
    req["metadata"] = metadata if isinstance(metadata, dict) else None
    if not req["prompt"].strip():  # validatePrompt
        raise Rejected(task_error(400, "invalid_request", "prompt is required"))
    seconds = req["duration"] or (int(req["seconds"]) if req["seconds"].isdigit() else 0)
    if seconds < 0 or seconds > 3600:  # validateTaskDurationBounds
        why = "seconds must be between 1 and 3600"
        raise Rejected(task_error(400, "invalid_seconds", why))
    if not req["images"] and req["image"].strip():  # "兼容单图上传": image becomes images[0]
        req["images"] = [req["image"]]
    return req


def _json_kind(value: Any) -> str:
    kinds = {bool: "bool", int: "number", float: "number", str: "string", list: "array"}
    return kinds.get(type(value), "object")


def _type_error(kind: str, where: str, go_type: str = "") -> str:
    if not go_type:
        return f"json: cannot unmarshal {kind} into Go value of type common.{where}"
    return f"json: cannot unmarshal {kind} into Go struct field {where} of type {go_type}"


def size_to_resolution(size: str) -> str:
    """billing.go SizeToVeoResolution: only "WxH" counts; "1080p" gives 720p."""
    parts = size.lower().split("x", 1)
    if len(parts) != 2:
        return "720p"
    biggest = max(_atoi(parts[0]), _atoi(parts[1]))
    return "4k" if biggest >= 3840 else "1080p" if biggest >= 1920 else "720p"


def size_to_aspect(size: str) -> str:
    """billing.go SizeToVeoAspectRatio: 9:16 only for a taller "WxH"."""
    parts = size.lower().split("x", 1)
    if len(parts) != 2:
        return "16:9"
    w, h = _atoi(parts[0]), _atoi(parts[1])
    return "9:16" if w > 0 and h > w else "16:9"


def _atoi(text: str) -> int:
    return int(text) if text.isdigit() else 0


def build_forwarded(req: dict[str, Any]) -> dict[str, Any]:
    """gemini/adaptor.go BuildRequestBody: the prompt, images[0] if it is inline, and the
    parameters from metadata (Go matches its keys case-insensitively), duration and size."""
    instance: dict[str, Any] = {"prompt": req["prompt"]}
    if req["images"] and (image := inline_image(req["images"][0])) is not None:
        instance["image"] = image
    lower = {k.lower(): v for k, v in (req["metadata"] or {}).items()}
    params: dict[str, Any] = {}
    for name, kind in VEO_PARAMS.items():
        value = lower.get(name.lower())
        if value is None:
            continue
        if kind is int and isinstance(value, float) and value.is_integer():
            value = int(value)  # metadata went through map[string]any: 8.0 is 8
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            why = _type_error(_json_kind(value), f"VeoParameters.{name}", kind.__name__)
            raise Rejected(
                task_error(500, "build_request_failed", f"unmarshal metadata failed: {why}")
            )
        params[name] = value
    if not params.get("durationSeconds") and req["duration"] > 0:
        params["durationSeconds"] = req["duration"]
    if not params.get("resolution") and req["size"]:
        params["resolution"] = size_to_resolution(req["size"])
    if not params.get("aspectRatio") and req["size"]:
        params["aspectRatio"] = size_to_aspect(req["size"])
    params["resolution"] = str(params.get("resolution") or "").lower()
    params["sampleCount"] = 1
    # encoding/json omits the empty ones (omitempty) but keeps a set seed or generateAudio.
    ordered = {
        name: params[name]
        for name in VEO_PARAMS
        if name in params and (params[name] not in ("", 0) or name in ("sampleCount", "seed"))
    }
    if "generateAudio" in params:
        ordered["generateAudio"] = params["generateAudio"]
    return {"instances": [instance], "parameters": ordered}


def other_ratios(req: dict[str, Any], upstream: str) -> str:
    """The X-New-Api-Other-Ratios header (relay_task.go, from EstimateBilling in billing.go)."""
    meta = req["metadata"] or {}
    seconds = 8
    if "durationSeconds" in meta:
        raw = meta["durationSeconds"]
        ok = isinstance(raw, (int, float)) and not isinstance(raw, bool) and int(raw) > 0
        seconds = min(int(raw), 3600) if ok else 8
    elif req["duration"] > 0:
        seconds = min(req["duration"], 3600)
    elif req["seconds"].isdigit() and int(req["seconds"]) > 0:
        seconds = min(int(req["seconds"]), 3600)
    if "resolution" in meta:
        res = meta["resolution"].lower() if isinstance(meta["resolution"], str) else ""
        res = res or "720p"
    else:
        res = size_to_resolution(req["size"]) if req["size"] else "720p"
    ratio = 1.0
    if res == "4k":
        ratio = 2.333333 if "3.1-fast-generate" in upstream else 1.5
    ratios = {"resolution": ratio, "seconds": float(seconds)}
    return "{" + ",".join(f'"{k}":{_go_float(v)}' for k, v in ratios.items()) + "}"


def _go_float(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def upstream_rejects(forwarded: dict[str, Any]) -> str | None:
    """Google's own checks on the forwarded parameters (the gateway passes its 400 on)."""
    params = forwarded["parameters"]
    duration, res = params.get("durationSeconds", 8), params.get("resolution") or "720p"
    problem = None
    if params.get("aspectRatio", "16:9") not in ("16:9", "9:16"):
        problem = f"Aspect ratio {params['aspectRatio']} is not supported."
    elif res not in ("720p", "1080p", "4k"):
        problem = f"Resolution {res} is not supported."
    elif duration not in (4, 6, 8):
        problem = f"The number value for `durationSeconds` is out of bound: {duration}."
    elif duration != 8 and res != "720p":
        problem = f"Resolution {res} requires `durationSeconds` 8."
    if problem is None:
        return None
    error = {"code": 400, "message": problem, "status": "INVALID_ARGUMENT"}
    return json.dumps({"error": error}, indent=2) + "\n"


def created_reply(job: SimJob, ratios: str) -> Reply:
    """gemini/adaptor.go DoResponse: dto.OpenAIVideo with both ids, before the row is saved."""
    body = {
        "id": job.task_id,
        "task_id": job.task_id,
        "object": "video",
        "model": job.model,
        "status": "queued",
        "progress": 0,
        "created_at": int(job.created),
    }
    return Reply(200, go_json(body), headers={"X-New-Api-Other-Ratios": ratios})


def stored_status(job: SimJob, job_seconds: float) -> str:
    """The task row's status (model/task.go): what upstream last said, kept current by
    new-api's own polling. Gemini never reports queued: a running operation is IN_PROGRESS."""
    state = job.state(job_seconds)
    return {"completed": "SUCCESS", "failed": "FAILURE"}.get(state, "IN_PROGRESS")


def poll_reply(job: SimJob, job_seconds: float, unknown: bool) -> Reply:
    """relay_task.go videoFetchByIDRespBodyBuilder → gemini ConvertToOpenAIVideo."""
    # `unknown`: its realtime check upstream failed before any succeeded, so the row still
    # reads NOT_START, which ToVideoStatus turns into "unknown" at 0%.
    status = "NOT_START" if unknown else stored_status(job, job_seconds)
    video = {"queued": "queued", "IN_PROGRESS": "in_progress", "SUCCESS": "completed"}
    word = video.get(status, "failed" if status == "FAILURE" else "unknown")
    progress = {"NOT_START": 0, "IN_PROGRESS": 50}.get(status, 100)
    # completed_at: FinishTime once done, else UpdatedAt, which the row has from its insert.
    # FinishTime is when new-api's poller saw the end, so never before the row existed.
    finished = max(
        job.row_at, job.created + (job_seconds if status == "SUCCESS" else job_seconds / 2)
    )
    with job.lock:
        if not unknown and job.checked_at is None:
            job.checked_at = time.time()
        updated = job.checked_at or job.row_at
    body = {
        "id": job.task_id,
        "object": "video",
        "model": job.upstream_model,
        "status": word,
        "progress": progress,
        "created_at": int(job.row_at),
        "completed_at": int(finished if status in ("SUCCESS", "FAILURE") else updated),
    }
    return Reply(200, go_json(body), "application/json")
