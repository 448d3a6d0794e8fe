"""new-api's router for the video routes (router/video-router.go), in the order its middleware
and controllers answer: request id, key, model/channel, then the task controllers."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from .newapi import (
    CONTENT_CUT_SECONDS,
    NOT_COMPLETED,
    TASK_NOT_EXIST,
    UPSTREAM_MODELS,
    Rejected,
    Reply,
    build_forwarded,
    check_model,
    created_reply,
    go_json,
    invalid_token,
    not_found,
    other_ratios,
    parse_submit,
    poll_reply,
    proxy_error,
    request_id,
    stored_status,
    task_error,
    upstream_rejects,
)

if TYPE_CHECKING:
    from .handlers import GatewayHandler
    from .jobs import SimJob

ID = r"/([^/]+)"
GET_ROUTES = {
    "poll": re.compile(rf"/v1/videos{ID}"),
    "generic_poll": re.compile(rf"/v1/video/generations{ID}"),
    "content": re.compile(rf"/v1/videos{ID}/content"),
}
POST_ROUTES = {
    "create": re.compile(r"/v1/video/generations|/v1/videos"),
    "remix": re.compile(rf"/v1/videos{ID}/remix"),
}
INDEX_PAGE = b"<!doctype html><html><head><title>New API</title></head><body></body></html>"
SIMPLE_STATUS = {"SUCCESS": "succeeded", "FAILURE": "failed"}


class NewApiRoutes:
    """One request to the new-api dialect; `h` is the live handler it answers through."""

    def __init__(self, h: GatewayHandler) -> None:
        self.h, self.sim, self.faults = h, h.sim, h.sim.faults
        self.rid = request_id()  # middleware/request-id.go, on every reply
        self.path = h.path.split("?", 1)[0]

    def send(self, reply: Reply) -> None:
        headers = {"X-Oneapi-Request-Id": self.rid, **reply.headers}
        self.h.send_body(reply.status, reply.body, reply.ctype, headers)

    def _route(self, routes: dict[str, re.Pattern[str]]) -> tuple[str, str] | None:
        for name, pattern in routes.items():
            if m := pattern.fullmatch(self.path):
                return name, (m.group(1) if m.groups() else "")
        return None

    def _unrouted(self, routes: dict[str, re.Pattern[str]]) -> None:
        """gin: a known route with a trailing slash is redirected; anything else under /v1 is
        RelayNotFound (the web router's NoRoute), other paths get the dashboard page."""
        bare = self.path.rstrip("/")
        if bare != self.path and any(p.fullmatch(bare) for p in routes.values()):
            code = 301 if self.h.command == "GET" else 307
            page = f'<a href="{bare}">Moved Permanently</a>.\n\n' if code == 301 else ""
            self.send(Reply(code, page.encode(), "text/html; charset=utf-8", {"Location": bare}))
        elif self.path.startswith(("/v1", "/api", "/assets")):
            self.send(not_found(self.h.command, self.path))
        else:
            self.send(Reply(200, INDEX_PAGE, "text/html; charset=utf-8"))

    def _gate(self, poll: bool) -> bool:
        """A proxy's trouble in front, then TokenAuth. False: already answered."""
        f = self.faults
        if poll and f.take("reset_next_polls"):
            self.h.reset()
            return False
        if poll and (hang := f.take_hang()):
            time.sleep(hang)
        if f.latency:
            time.sleep(f.latency)
        if f.take("html_errors_next"):
            self.h.send_nginx(self.sim.next_html_status())
            return False
        key = self.h.headers.get("Authorization", "")
        if key.startswith(("Bearer ", "bearer ")):
            key = key[7:].strip()
        # A key that ran out of credit reads exactly like a bad one (ValidateUserToken).
        if not key or (poll and f.take("unauthorized_polls_next")):
            self.send(invalid_token(self.rid))
            return False
        return True

    def _row(self, task_id: str) -> SimJob | None:
        """The task row, which exists only once RelayTask has inserted it after replying."""
        job = self.sim.get(task_id)
        return job if job is not None and time.time() >= job.row_at else None

    # -- POST ---------------------------------------------------------------------------------

    def post(self, raw: bytes) -> None:
        route = self._route(POST_ROUTES)
        if route is None:
            self._unrouted(POST_ROUTES)
            return
        self.sim.count_post()  # counted even when the reply is faulted or delayed
        if not self._gate(poll=False):
            return
        try:
            self._create(raw, route)
        except Rejected as rejected:
            self.send(rejected.reply)

    def _create(self, raw: bytes, route: tuple[str, str]) -> None:
        name, origin_id = route
        if name == "remix":  # no channel pick by model: ResolveOriginTask takes the origin's
            origin = self._row(origin_id)
            if origin is None:
                raise Rejected(task_error(400, "task_not_exist", "task_origin_not_exist"))
            model = origin.model
        else:
            model = check_model(raw, self.rid)  # middleware/distributor.go
        req = parse_submit(raw)
        upstream = UPSTREAM_MODELS[model]
        if self.faults.out_of_credit:  # service/billing_session.go, user quota at 0
            raise Rejected(
                task_error(403, "insufficient_user_quota", "用户额度不足, 剩余额度: ＄0.000000")
            )
        forwarded = build_forwarded(req)
        if self.faults.take("rate_limit_next"):  # upstream 429, rewritten by respondTaskError
            raise Rejected(task_error(429, "fail_to_fetch_task", "429"))
        if (why := upstream_rejects(forwarded)) is not None:
            raise Rejected(task_error(400, "fail_to_fetch_task", why))
        ratios = other_ratios(req, upstream)
        job = self.sim.create_forwarded(dict(req, model=model), forwarded, upstream)
        if self.faults.hang_after_post:  # the job exists; the client just never hears so
            time.sleep(self.faults.hang_after_post)
        self.send(created_reply(job, ratios))

    # -- GET ----------------------------------------------------------------------------------

    def get(self) -> None:
        route = self._route(GET_ROUTES) if self.h.command == "GET" else None
        if route is None:  # HEAD too: gin has no HEAD route here
            self._unrouted(GET_ROUTES)
            return
        name, task_id = route
        if not self._gate(poll=name != "content"):
            return
        job = self._row(task_id)
        if name == "content":
            self._content(job)
        elif job is None:
            self.send(TASK_NOT_EXIST)
        elif name == "generic_poll":
            self._generic_poll(job)
        else:
            poll = job.count("polls") - self.faults.not_found_first_polls
            if poll < 0:
                self.send(TASK_NOT_EXIST)
                return
            unknown = poll < self.faults.unknown_first_polls and job.checked_at is None
            self.send(poll_reply(job, self.sim.job_seconds, unknown))

    def _generic_poll(self, job: SimJob) -> None:
        """relay_task.go tryRealtimeFetch's own shape for /v1/video/generations/{id}."""
        # `url` is GetResultURL(): the content route once done, or (its legacy fallback) the
        # failure reason the background poller stored.
        status = stored_status(job, self.sim.job_seconds)
        url = ""
        if status == "SUCCESS":
            url = f"{self.sim.base_url}/v1/videos/{job.task_id}/content"
        elif status == "FAILURE":
            url = job.fail_reason or ""
        data = {
            "error": None,
            "format": "mp4",
            "metadata": None,
            "status": SIMPLE_STATUS.get(status, "processing"),
            "task_id": job.task_id,
            "url": url,
        }
        body = {"code": "success", "message": "", "data": data}
        self.send(Reply(200, go_json(body), "application/json"))

    def _content(self, job: SimJob | None) -> None:
        """controller/video_proxy.go VideoProxy with a Gemini channel: a fresh upstream GET, so
        Range never reaches upstream and the answer is a full 200."""
        if job is None:
            self.send(proxy_error(404, "invalid_request_error", "Task not found"))
            return
        status = stored_status(job, self.sim.job_seconds)
        if status != "SUCCESS":
            message = NOT_COMPLETED.format(status)
            self.send(proxy_error(400, "invalid_request_error", message))
        elif job.blocked:  # video_proxy_gemini.go finds no video URI in the operation
            self.send(proxy_error(502, "server_error", "Failed to resolve Gemini video URL"))
        elif self.faults.clip_deleted:  # Google's file is gone (about 2 days on)
            self.send(proxy_error(502, "server_error", "Upstream service returned status 404"))
        else:
            headers = {"X-Oneapi-Request-Id": self.rid, "Cache-Control": "public, max-age=86400"}
            self.h.send_file(
                job, honour_range=False, headers=headers, cut_after=CONTENT_CUT_SECONDS
            )
