"""The thin QObject between the Storyboard widgets and core/story: builds the store and the board
runner on first use, turns board events into signals, owns the tasks that generate and export."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...core.errors import VeoError
from ...core.jobs.job import Job
from ...core.library.frames import video_info
from ...core.request.pricing import PriceTable
from ...core.services import Services
from ...core.story.board import Board, Settings, Trim, new_shot
from ...core.story.board_file import file_sha256, read_board_file, write_board_file
from ...core.story.cost import BoardCost, board_cost
from ...core.story.export import export_board
from ...core.story.film import Film
from ...core.story.generate import BoardRunner, StoryEvent
from ...core.story.progress import BoardStatus
from ...core.story.store import STORE_NAME, StoryStore
from ..feature_controller import FeatureController
from ..i18n import arg
from .film_player import FilmPart

log = logging.getLogger(__name__)

Edit = Callable[[Board], Board]


class StoryController(FeatureController):
    status = Signal(object)  # BoardStatus: a board as the store and the journal have it now
    boards_changed = Signal()  # a board was made, opened or renamed: the picker reads them again
    generating = Signal(str, bool)  # board id, whether a Generate of it is running
    export_progress = Signal(float)  # 0..1
    exported = Signal(object)  # Film, or None when it was cancelled or failed

    def __init__(
        self, services: Services, prices: Callable[[], PriceTable], parent: QObject | None = None
    ) -> None:
        super().__init__(services, prices, parent)
        self._store: StoryStore | None = None
        self._runner: BoardRunner | None = None
        self._editing = asyncio.Lock()  # edits apply in the order they were made
        self._dirty: set[str] = set()  # boards whose status is to be read again
        self._refreshing = False
        self._running: set[str] = set()
        self._export_stop: threading.Event | None = None
        self._lengths: dict[str, int] = {}  # job id -> its clip's length (ms), read once

    # -- built on first use (a window that never shows a storyboard never opens the file) ------

    async def runner(self) -> BoardRunner:
        async with self._building:
            if self._runner is None:
                path = self.services.paths.data_dir / STORE_NAME
                self._store = await asyncio.to_thread(StoryStore, path)
                self._runner = BoardRunner(self._store, self.services.runner)
                self._runner.subscribe(self._on_event)
        return self._runner

    async def store(self) -> StoryStore:
        return (await self.runner()).store

    def _on_event(self, event: StoryEvent) -> None:
        # On the event loop (Qt's thread under qasync). The event's board is the run's copy: the
        # status is read again from the store and the journal, so edits made meanwhile show.
        self.refresh(event.status.board.id)

    # -- reading ---------------------------------------------------------------------------------

    async def boards(self) -> list[Board]:
        """Every board kept here, newest first."""
        return await asyncio.to_thread((await self.store()).boards)

    async def read(self, board_id: str) -> BoardStatus:
        return await (await self.runner()).status(board_id)

    def refresh(self, board_id: str) -> None:
        """Announce the board's status soon (many events in a row give one read)."""
        if self._tasks.closed:
            return
        self._dirty.add(board_id)
        if not self._refreshing:
            self._refreshing = True
            self.spawn(self._refresh())

    async def _refresh(self) -> None:
        try:
            while self._dirty:
                await asyncio.sleep(0.05)
                board_id = self._dirty.pop()
                try:
                    self.status.emit(await self.read(board_id))
                except VeoError:  # the board was deleted meanwhile
                    continue
        finally:
            self._refreshing = False

    def cost(self, status: BoardStatus) -> BoardCost:
        """What the next Generate would send, at the price table's prices."""
        return board_cost(status, self.prices())

    def journal_job(self, job_id: str) -> Job | None:
        """A take's job as the journal has it now (an indexed read: the view asks per row)."""
        return self.services.journal.get(job_id)

    # -- boards ----------------------------------------------------------------------------------

    async def create(self, title: str, settings: Settings) -> BoardStatus:
        """A new board with one empty shot to write in."""
        board = Board("", title, settings, (new_shot(""),))
        made = await asyncio.to_thread((await self.store()).create, board)
        self.boards_changed.emit()
        return await self.read(made.id)

    async def open_file(self, path: Path) -> BoardStatus:
        """The board this file made before (same path, same contents), else a new one from it.
        Raises StoryFileError (a VeoError) naming what is wrong with the file."""
        store = await self.store()
        journal = self.services.journal

        def load() -> Board:
            resolved = path.expanduser().resolve()
            found = store.find_file(resolved, file_sha256(resolved))
            if found is not None:
                return found
            draft = read_board_file(resolved, known_job=lambda j: journal.get(j) is not None)
            return store.create(draft)

        board = await asyncio.to_thread(load)
        self.boards_changed.emit()
        return await self.read(board.id)

    async def save_file(self, board_id: str, path: Path) -> Path:
        board = (await self.read(board_id)).board
        return await asyncio.to_thread(write_board_file, board, path)

    async def edit(self, board_id: str, change: Edit) -> BoardStatus:
        """Apply `change` to the board as the store has it now, keep it, announce it."""
        async with self._editing:
            store = await self.store()

            def apply() -> Board:
                board = store.get(board_id)
                if board is None:
                    raise KeyError(board_id)
                return store.save(change(board))

            board = await asyncio.to_thread(apply)
        status = await self.read(board.id)
        self.status.emit(status)
        return status

    async def settled(self) -> None:
        """Wait for the edits already asked for (a prompt typed just before Generate)."""
        async with self._editing:
            pass

    async def choose(self, board_id: str, shot_id: str, job_id: str) -> None:
        await asyncio.to_thread((await self.store()).choose, board_id, shot_id, job_id)
        self.status.emit(await self.read(board_id))

    async def set_trim(self, board_id: str, shot_id: str, trim: Trim) -> BoardStatus:
        await asyncio.to_thread((await self.store()).set_trim, board_id, shot_id, trim)
        status = await self.read(board_id)
        self.status.emit(status)
        return status

    # -- generating ------------------------------------------------------------------------------

    def is_generating(self, board_id: str) -> bool:
        return board_id in self._running

    def generate(self, board_id: str) -> None:
        """Send every shot without a take and follow the board to its end."""
        self.spawn(self._generate(board_id, None))

    def regenerate(self, board_id: str, shot_id: str) -> None:
        """A new take of one shot; its earlier takes stay."""
        self.spawn(self._generate(board_id, shot_id))

    async def _generate(self, board_id: str, shot_id: str | None) -> None:
        runner = await self.runner()
        self._running.add(board_id)
        self.generating.emit(board_id, True)
        try:
            if shot_id is None:
                status = await runner.generate(board_id, follow=True)
            else:
                status = await runner.regenerate(board_id, shot_id, follow=True)
            if status.note:
                self.message.emit(status.note)
        except VeoError as exc:  # a shot that cannot be sent: nothing was
            self.message.emit(exc.message)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("storyboard %s stopped", board_id)
            self.message.emit(self.tr("The storyboard stopped on an error; the log has details."))
        finally:
            self._running.discard(board_id)
            if not self._tasks.closed:
                self.generating.emit(board_id, False)
                self.refresh(board_id)

    def resume_all(self) -> None:
        """Start-up: finish the boards a crash or a quit left part-way (a shot already sent is
        followed, never sent again). Opens nothing when no board was ever made here."""
        self.spawn(self._resume_all())

    async def _resume_all(self) -> None:
        path = self.services.paths.data_dir / STORE_NAME
        if not await asyncio.to_thread(path.exists):
            return
        runner = await self.runner()
        try:
            for status in await runner.resume_all():
                self.status.emit(status)
        except VeoError as exc:
            self.message.emit(exc.message)

    async def film(self, board_id: str) -> tuple[BoardStatus, list[FilmPart], list[int]]:
        """The board's chosen takes as the film plays them, and the shots (1-based) that have
        no finished take chosen yet (the film skips them; an export refuses them)."""
        status = await self.read(board_id)

        def build() -> tuple[list[FilmPart], list[int]]:
            parts: list[FilmPart] = []
            missing: list[int] = []
            for s in status.shots:
                job = s.chosen
                video = Path(job.video_path) if job is not None and job.video_path else None
                length = self._length(job.id, video) if job is not None and video else None
                if job is None or video is None or not length:
                    missing.append(s.index + 1)
                    continue
                trim = s.shot.trim
                end = None if trim.end is None else round(trim.end * 1000)
                parts.append(
                    FilmPart(s.shot.id, job.id, video, length, round(trim.start * 1000), end)
                )
            return parts, missing

        parts, missing = await asyncio.to_thread(build)
        return status, parts, missing

    def _length(self, job_id: str, video: Path) -> int | None:
        """The clip's length in ms, from its headers (a worker thread); None when unreadable."""
        if job_id not in self._lengths:
            try:
                self._lengths[job_id] = round(video_info(video).duration_s * 1000)
            except (ValueError, OSError) as exc:
                log.info("film: %s cannot be read: %s", video, exc)
                return None
        return self._lengths[job_id]

    # -- export ----------------------------------------------------------------------------------

    @property
    def exporting(self) -> bool:
        return self._export_stop is not None

    def export(self, board_id: str, dest: Path) -> None:
        """Write the film off the UI thread; `export_progress` and then `exported` follow."""
        if self._export_stop is None:
            self._export_stop = threading.Event()
            self.spawn(self._export(board_id, dest, self._export_stop))

    def cancel_export(self) -> None:
        if self._export_stop is not None:
            self._export_stop.set()  # the worker stops at its next frame and removes its file

    async def _export(self, board_id: str, dest: Path, stop: threading.Event) -> None:
        loop = asyncio.get_running_loop()

        def progress(fraction: float) -> None:  # on the worker thread
            loop.call_soon_threadsafe(self._report, fraction)

        film: Film | None = None
        try:
            board = (await self.read(board_id)).board
            film = await asyncio.to_thread(
                export_board,
                board,
                self.services.journal.get,
                dest,
                progress=progress,
                cancelled=stop.is_set,
            )
        except VeoError as exc:  # cancelled, a take missing or damaged, a full disk
            self.message.emit(exc.message)
        except OSError as exc:
            self.message.emit(arg(self.tr("The film could not be written: %1"), str(exc)))
        finally:
            self._export_stop = None
            if not self._tasks.closed:
                self.exported.emit(film)

    def _report(self, fraction: float) -> None:
        if not self._tasks.closed:
            self.export_progress.emit(fraction)

    # -- quit ------------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Stop sending and following (sent shots go on at the gateway; the next start picks
        them up), before the journal closes."""
        tasks = self._tasks.close()
        self.cancel_export()
        runner, self._runner = self._runner, None  # closed once, however often asked
        if runner is not None:
            await runner.aclose()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._store is not None:
            self._store.close()
            self._store = None

    def spawn(self, coro: Coroutine[Any, Any, object]) -> None:
        """Run `coro` as a task this controller owns: cancelled on quit, and after that, not
        started at all (a late signal must not run work on a closed journal)."""
        self._tasks.spawn(coro)
