"""One mode tab: prompt, negative prompt, model, aspect, duration, audio, seed, the mode's image
slots or source video, live rule messages next to the controls they concern, and Generate ×N."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.jobs.variants import MAX_TAKES, takes_cost
from ...core.request.models import (
    ASPECT_RATIOS,
    DEFAULT_MODEL,
    DURATIONS,
    SEED_MAX,
    GenerationRequest,
    Mode,
    Model,
    Resolution,
    Tier,
)
from ...core.request.pricing import PriceTable, format_money
from ...core.request.rules import Finding, Severity
from ..appearance import problem_style
from ..dialogs.cost import estimate_text
from ..i18n import arg
from .aspect_note import aspect_note
from .slot_groups import FramePairSlots, ReferenceSlots


class ComposeTab(QWidget):
    changed = Signal()
    submit_requested = Signal()

    def __init__(self, mode: Mode, paste_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self._messages: dict[str, QLabel] = {}
        self._loading = False
        self._touched = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Up and down only: a narrow window stacks the image slots instead of hiding the end
        # frame beyond a sideways scroll (slot_groups reflow).
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        form = QVBoxLayout(body)

        # -- inputs of this mode ---------------------------------------------------------------
        self.frames: FramePairSlots | None = None
        self.refs: ReferenceSlots | None = None
        self.video_edit: QLineEdit | None = None
        if mode in (Mode.IMAGE, Mode.FRAMES):
            self.frames = FramePairSlots(paste_dir=paste_dir, parent=body)
            self.frames.end_enabled(mode is Mode.FRAMES)
            self.frames.changed.connect(self._on_changed)
            form.addWidget(self.frames)
            form.addWidget(self._message_label("image"))
            form.addWidget(self._message_label("last_image"))
        elif mode is Mode.REFERENCE:
            self.refs = ReferenceSlots(paste_dir=paste_dir, parent=body)
            self.refs.changed.connect(self._on_changed)
            form.addWidget(self.refs)
            form.addWidget(self._message_label("images"))
        elif mode is Mode.EXTEND:
            self.video_edit = QLineEdit(body)
            self.video_edit.setPlaceholderText(
                self.tr("Video URL of a recent Veo clip (or use Extend on a finished job)")
            )
            self.video_edit.setAccessibleName(self.tr("Source video"))
            self.video_edit.textChanged.connect(self._on_changed)
            form.addWidget(QLabel(self.tr("Source video"), body))
            form.addWidget(self.video_edit)
            form.addWidget(self._message_label("video"))

        # -- prompt ----------------------------------------------------------------------------
        prompt_head = QHBoxLayout()
        prompt_label = QLabel(self.tr("&Prompt"), body)
        self.char_count = QLabel("0", body)
        self.char_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.char_count.setAccessibleName(self.tr("Prompt length"))
        prompt_head.addWidget(prompt_label)
        prompt_head.addWidget(self.char_count)
        form.addLayout(prompt_head)
        self.prompt = QPlainTextEdit(body)
        self.prompt.setPlaceholderText(self._prompt_hint())
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMinimumHeight(90)
        prompt_label.setBuddy(self.prompt)
        self.prompt.textChanged.connect(self._on_changed)
        form.addWidget(self.prompt)
        form.addWidget(self._message_label("prompt"))

        self.negative = QLineEdit(body)
        self.negative.setPlaceholderText(self.tr("What should not appear (optional)"))
        self.negative.setAccessibleName(self.tr("Negative prompt"))
        self.negative.textChanged.connect(self._on_changed)

        # -- settings --------------------------------------------------------------------------
        grid = QFormLayout()
        grid.addRow(self.tr("Negative prompt"), self.negative)
        self.tier = QComboBox(body)
        self.tier.addItem(self.tr("Fast"), Tier.FAST.value)
        self.tier.addItem(self.tr("Standard"), Tier.STANDARD.value)
        self.tier.setAccessibleName(self.tr("Speed tier"))
        self.resolution = QComboBox(body)
        for r in Resolution:
            self.resolution.addItem(r.value, r.value)
        self.resolution.setAccessibleName(self.tr("Resolution"))
        model_row = QHBoxLayout()
        model_row.addWidget(self.tier)
        model_row.addWidget(self.resolution)
        grid.addRow(self.tr("Model"), model_row)
        grid.addRow("", self._message_label("model"))
        self.aspect = QComboBox(body)
        for a in ASPECT_RATIOS:
            self.aspect.addItem(a, a)
        self.aspect.setAccessibleName(self.tr("Aspect ratio"))
        grid.addRow(self.tr("Aspect ratio"), self.aspect)
        # The frame's shape against the chosen aspect: one message, and one click to follow it.
        self.aspect_switch = QPushButton(body)
        self.aspect_switch.setAccessibleName(self.tr("Set the aspect ratio to the frame's"))
        self.aspect_switch.hide()
        self.aspect_switch.clicked.connect(self._take_suggested_aspect)
        aspect_row = QHBoxLayout()
        aspect_row.addWidget(self._message_label("aspect_ratio"), 1)
        aspect_row.addWidget(self.aspect_switch, 0, Qt.AlignmentFlag.AlignTop)
        grid.addRow("", aspect_row)
        self.duration = QComboBox(body)
        for d in DURATIONS:
            self.duration.addItem(self.tr("%n s", "", d), d)
        self.duration.setCurrentIndex(DURATIONS.index(8))
        self.duration.setAccessibleName(self.tr("Duration"))
        if mode is not Mode.EXTEND:  # extension has no duration on the wire
            grid.addRow(self.tr("Duration"), self.duration)
            grid.addRow("", self._message_label("duration"))
        else:
            self.duration.hide()
        self.audio = QCheckBox(self.tr("Generate audio"), body)
        self.audio.setChecked(True)
        self.audio.setAccessibleName(self.tr("Generate audio"))
        grid.addRow("", self.audio)
        self.seed = QLineEdit(body)
        self.seed.setPlaceholderText(self.tr("random"))
        self.seed.setValidator(QIntValidator(0, 2_147_483_647, self.seed))
        self.seed.setAccessibleName(self.tr("Seed"))
        self.dice = QToolButton(body)
        self.dice.setText("⚄")  # a die face every common font has
        self.dice.setToolTip(self.tr("Roll a random seed"))
        self.dice.setAccessibleName(self.tr("Roll a random seed"))
        self.dice.clicked.connect(self.roll_seed)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed)
        seed_row.addWidget(self.dice)
        grid.addRow(self.tr("Seed"), seed_row)
        grid.addRow("", self._message_label("seed"))
        form.addLayout(grid)
        for w in (self.tier, self.resolution, self.aspect, self.duration):
            w.currentIndexChanged.connect(self._on_changed)
        self.audio.toggled.connect(self._on_changed)
        self.seed.textChanged.connect(self._on_changed)
        form.addStretch(1)

        # -- submit ----------------------------------------------------------------------------
        bottom = QHBoxLayout()
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.submit = QPushButton(self.tr("Generate"), self)
        self.submit.setDefault(True)
        self.submit.setToolTip(self.tr("Send the job (Ctrl+Return)"))
        self.submit.setAccessibleName(self.tr("Generate video"))
        self.submit.clicked.connect(self.submit_requested)
        self.estimate = QLabel(body)  # "≈ $0.80" at the price table's prices; set by the window
        self.estimate.setAccessibleName(self.tr("Estimated cost"))
        # Variants: N takes of this request that differ only in seed, sent as one group.
        self.variants = QSpinBox(self)
        self.variants.setRange(1, MAX_TAKES)
        self.variants.setPrefix("×")
        self.variants.setAccessibleName(self.tr("Takes"))
        self.variants.setToolTip(
            self.tr("Takes: send 1 to 4 variants of this prompt that differ only in seed")
        )
        self.variants.valueChanged.connect(self._on_variants)
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.estimate)
        bottom.addWidget(self.variants)
        bottom.addWidget(self.submit)
        self._prices: PriceTable | None = None
        outer.addLayout(bottom)
        self.set_model(DEFAULT_MODEL)
        self._update()

    # -- helpers ---------------------------------------------------------------------------------

    def _prompt_hint(self) -> str:
        return {
            Mode.TEXT: self.tr("Describe the shot: subject, action, camera, light, sound."),
            Mode.IMAGE: self.tr("What happens from the start frame on?"),
            Mode.FRAMES: self.tr("How the first frame turns into the last one."),
            Mode.REFERENCE: self.tr("The scene the referenced subject appears in."),
            Mode.EXTEND: self.tr("What happens next, continuing the source video."),
        }[self.mode]

    def _message_label(self, field: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.hide()
        names = {  # the request field a rule names -> what the user calls that control
            "image": self.tr("the start frame"),
            "last_image": self.tr("the end frame"),
            "images": self.tr("the reference images"),
            "video": self.tr("the source video"),
            "prompt": self.tr("the prompt"),
            "model": self.tr("the model"),
            "aspect_ratio": self.tr("the aspect ratio"),
            "duration": self.tr("the duration"),
            "seed": self.tr("the seed"),
        }
        label.setAccessibleName(arg(self.tr("Message about %1"), names.get(field, field)))
        self._messages[field] = label
        return label

    def _on_changed(self) -> None:
        """A control changed: by the user, unless a draft or remix is being loaded."""
        if not self._loading:
            self._touched = True
        self._update()

    def _update(self) -> None:
        self.char_count.setText(self.tr("%n characters", "", len(self.prompt.toPlainText())))
        if not self._loading:
            self.changed.emit()

    def mark_touched(self) -> None:
        """The user acted on the tab as a whole (Generate, Remix): its errors may show now."""
        self._touched = True

    def _take_suggested_aspect(self) -> None:
        self.aspect.setCurrentIndex(self.aspect.findData(self.aspect_switch.property("aspect")))

    def roll_seed(self) -> None:
        self.seed.setText(str(random.randint(0, 2_147_483_647)))

    def focus_prompt(self) -> None:
        self.prompt.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- model -----------------------------------------------------------------------------------

    def model(self) -> Model:
        # Combo data holds plain strings: Qt hands StrEnum members back as str.
        return Model.of(Tier(self.tier.currentData()), Resolution(self.resolution.currentData()))

    def set_model(self, model: Model) -> None:
        loading, self._loading = self._loading, True  # programmatic: not the user acting
        try:
            self.tier.setCurrentIndex(self.tier.findData(model.tier.value))
            self.resolution.setCurrentIndex(self.resolution.findData(model.resolution.value))
        finally:
            self._loading = loading

    def request(self) -> GenerationRequest:
        seed_text = self.seed.text().strip()
        image = last = None
        if self.frames is not None:
            image = self.frames.start.value()
            last = self.frames.end.value() if self.mode is Mode.FRAMES else None
        return GenerationRequest(
            mode=self.mode,
            model=self.model(),
            prompt=self.prompt.toPlainText(),
            image=image,
            last_image=last,
            images=tuple(self.refs.values()) if self.refs is not None else (),
            video=(self.video_edit.text().strip() or None) if self.video_edit else None,
            aspect_ratio=self.aspect.currentData(),
            duration=None if self.mode is Mode.EXTEND else self.duration.currentData(),
            generate_audio=self.audio.isChecked(),
            negative_prompt=self.negative.text().strip() or None,
            seed=int(seed_text) if seed_text.isdigit() else None,
        )

    def set_request(self, req: GenerationRequest) -> None:
        """Fill every control from a request (remix, drafts)."""
        self._loading = True
        try:
            self.prompt.setPlainText(req.prompt)
            self.negative.setText(req.negative_prompt or "")
            model = Model.parse(req.model_id)
            if model:
                self.set_model(model)
            if req.aspect_ratio in ASPECT_RATIOS:
                self.aspect.setCurrentIndex(self.aspect.findData(req.aspect_ratio))
            if req.duration in DURATIONS:
                self.duration.setCurrentIndex(self.duration.findData(req.duration))
            self.audio.setChecked(req.generate_audio is not False)
            self.seed.setText("" if req.seed is None or req.seed > SEED_MAX else str(req.seed))
            if self.frames is not None:
                self.frames.start.set_value(req.image)
                self.frames.end.set_value(req.last_image)
            if self.refs is not None:
                self.refs.set_values(list(req.images))
            if self.video_edit is not None:
                self.video_edit.setText(req.video or "")
                self.video_edit.setCursorPosition(0)  # show where the link is from, not its token
        finally:
            self._loading = False
        self._update()  # loading a draft or a remix is not the user acting on the form

    def draft(self) -> dict[str, Any]:
        return self.request().to_record()

    def load_draft(self, record: dict[str, Any]) -> None:
        try:
            req = GenerationRequest.from_record({**record, "mode": self.mode.value})
        except (KeyError, TypeError, ValueError):
            return
        self.set_request(req)

    # -- findings --------------------------------------------------------------------------------

    def show_findings(self, findings: list[Finding]) -> None:
        blocking = [f for f in findings if f.blocks]
        findings = self._with_aspect_note(findings)
        if not self._touched:  # an untouched form is not an error yet; Generate still says why
            findings = [f for f in findings if not f.blocks]
        by_field: dict[str, list[Finding]] = {}
        for f in findings:
            by_field.setdefault(f.field, []).append(f)
        for field, label in self._messages.items():
            items = by_field.get(field, [])
            if not items:
                label.hide()
                continue
            worst = items[0]
            label.setText("\n".join(f.message for f in items))
            label.setStyleSheet(problem_style(label, warning=worst.severity is not Severity.ERROR))
            label.show()
        unshown = [f for f in findings if f.field not in self._messages]
        self.summary.setText("\n".join(f.message for f in unshown))
        self.submit.setEnabled(not blocking)
        self.submit.setToolTip(
            blocking[0].message if blocking else self.tr("Send the job (Ctrl+Return)")
        )

    def findings_text(self) -> str:
        """Every finding the tab shows now, one per line."""
        shown = [label.text() for label in self._messages.values() if not label.isHidden()]
        return "\n".join([*shown, self.summary.text()]).strip()

    def _with_aspect_note(self, findings: list[Finding]) -> list[Finding]:
        """With frames, the rule's general aspect warning gives way to what the frames show:
        one message when a frame's shape differs from the chosen aspect, none when it fits."""
        self.aspect_switch.hide()
        if self.frames is None:
            return findings
        findings = [f for f in findings if f.field != "aspect_ratio" or f.blocks]
        slots = [(self.tr("The start frame"), self.frames.start.info())]
        if self.mode is Mode.FRAMES:
            slots.append((self.tr("The end frame"), self.frames.end.info()))
        note = aspect_note(slots, str(self.aspect.currentData()))
        if note is None:
            return findings
        if note.suggestion:
            self.aspect_switch.setText(arg(self.tr("Use %1"), note.suggestion))
            self.aspect_switch.setAccessibleName(
                arg(self.tr("Set the aspect ratio to %1"), note.suggestion)
            )
            self.aspect_switch.setProperty("aspect", note.suggestion)
            self.aspect_switch.show()
        return [*findings, Finding(Severity.WARNING, "aspect_ratio", note.text)]

    def show_estimate(self, text: str, tooltip: str) -> None:
        self.estimate.setText(text)
        self.estimate.setToolTip(tooltip)

    def takes(self) -> int:
        """How many takes Generate sends (the ×N beside it)."""
        return self.variants.value()

    def show_cost(self, table: PriceTable) -> None:
        """The estimate beside Generate at `table`'s prices: one take's, or N takes' total as
        "3 × $0.80 = $2.40"."""
        self._prices = table
        text, tip = estimate_text(table, self.request())
        n = self.takes()
        cost = takes_cost(table, self.request(), n)
        if n > 1 and cost is not None:
            text = arg(
                self.tr("%1 × %2 = %3"),
                str(n),
                format_money(cost.each.amount),
                format_money(cost.total),
            )
            tip += "\n" + arg(self.tr("%1 takes that differ only in seed."), str(n))
        self.show_estimate(text, tip)

    def _on_variants(self, n: int) -> None:
        self.submit.setText(self._submit_text())
        if self._prices is not None:
            self.show_cost(self._prices)

    def _submit_text(self) -> str:
        n = self.takes()
        return self.tr("Generate") if n == 1 else arg(self.tr("Generate %1"), f"×{n}")

    def set_busy(self, busy: bool) -> None:
        self.submit.setText(self.tr("Sending…") if busy else self._submit_text())
