"""The job list's named roles (what a delegate or a test asks a row for) and its row kinds."""

from __future__ import annotations

from PySide6.QtCore import Qt

JobRole = int(Qt.ItemDataRole.UserRole) + 1
StateRole = JobRole + 1
ProgressRole = JobRole + 2
PromptRole = JobRole + 3
ModeRole = JobRole + 4
ModelRole = JobRole + 5
ElapsedRole = JobRole + 6
ErrorRole = JobRole + 7
VideoPathRole = JobRole + 8
PosterRole = JobRole + 9
FrameRole = JobRole + 10
IdRole = JobRole + 11
StatusTextRole = JobRole + 12
FailureRole = JobRole + 13  # core's Failure (kind, message, actions), or None
ChecksRole = JobRole + 14  # the clip's checks against its request (core/checks), or None
KindRole = JobRole + 15  # JOB, GROUP (the takes of a group, folded or not) or TAKE
TakesRole = JobRole + 16  # a group row's takes, oldest first (take 1 first)
ExpandedRole = JobRole + 17  # a group row: are its takes shown below it
TakeNumberRole = JobRole + 18  # a take row: its number in its group (1-based)
RatingRole = JobRole + 19  # 1-5 stars, or None; a group row: its best take's
TakePostersRole = JobRole + 20  # a group row: each take's poster (or None), take 1 first
LengthRole = JobRole + 21  # a downloaded clip's measured length in seconds, or None

#: What a row is (KindRole).
JOB, GROUP, TAKE = "job", "group", "take"

ROLE_NAMES = {
    Qt.ItemDataRole.DisplayRole: b"display",
    Qt.ItemDataRole.ToolTipRole: b"toolTip",
    JobRole: b"job",
    StateRole: b"state",
    ProgressRole: b"progress",
    PromptRole: b"prompt",
    ModeRole: b"mode",
    ModelRole: b"model",
    ElapsedRole: b"elapsed",
    LengthRole: b"length",
    ErrorRole: b"error",
    VideoPathRole: b"videoPath",
    PosterRole: b"poster",
    FrameRole: b"frame",
    IdRole: b"jobId",
    StatusTextRole: b"statusText",
    FailureRole: b"failure",
    ChecksRole: b"checks",
    KindRole: b"kind",
    TakesRole: b"takes",
    ExpandedRole: b"expanded",
    TakeNumberRole: b"takeNumber",
    RatingRole: b"rating",
    TakePostersRole: b"takePosters",
}

#: Roles that are one field of the Job, by attribute name.
FIELDS = {
    IdRole: "id",
    StateRole: "state",
    ProgressRole: "progress",
    ModeRole: "mode",
    ModelRole: "model",
    VideoPathRole: "video_path",
    ChecksRole: "checks",
    RatingRole: "rating",
}
