"""Core's user-visible messages follow the installed translator (the app installs Qt's; here a
dict stands in, so no Qt), fill their fields after translating, and are English again without
one."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from veo_desktop.core import i18n as text
from veo_desktop.core.errors import AuthError, ImageError
from veo_desktop.core.gateway.reply_errors import error_from_body
from veo_desktop.core.request.images import prepare_image_sync
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.core.request.rules import check

ZH = {
    "Write a prompt: describe the shot you want.": "请输入提示词：描述你想要的画面。",
    "{label} was not found. It may have been moved or deleted; choose the image again.": (
        "找不到{label}，它可能已被移动或删除。请重新选择图片。"
    ),
    "The pasted image": "粘贴的图片",
    "{label} is empty. Save the image as a file and choose it instead.": (
        "{label}为空。请将图片保存为文件，然后选择该文件。"
    ),
    "The gateway rejected the API key. Open Settings (or run `veo login`) and enter a valid key.": (
        "网关拒绝了 API 密钥。请打开设置（或运行 `veo login`）并输入有效的密钥。"
    ),
    " The gateway said: {message}": "网关返回：{message}",
}


@pytest.fixture
def chinese() -> Iterator[None]:
    text.set_translator(lambda template: ZH.get(template, template))
    try:
        yield
    finally:
        text.set_translator(None)


def prompt_finding() -> str:
    findings = check(GenerationRequest(Mode.TEXT, Model.FAST_720P, prompt=""))
    return next(f.message for f in findings if f.field == "prompt")


def missing_image_error(tmp_path: Path) -> str:
    with pytest.raises(ImageError) as caught:
        prepare_image_sync(str(tmp_path / "gone.png"))
    return caught.value.message


def test_rule_findings_and_image_errors_follow_the_translator(
    chinese: None, tmp_path: Path
) -> None:
    assert prompt_finding() == "请输入提示词：描述你想要的画面。"
    assert (
        missing_image_error(tmp_path) == "找不到“gone.png”，它可能已被移动或删除。请重新选择图片。"
    )
    with pytest.raises(ImageError) as caught:
        prepare_image_sync("data:image/png;base64,")
    # The phrase core builds for the subject is translated too, not only the sentence.
    assert caught.value.message == "粘贴的图片为空。请将图片保存为文件，然后选择该文件。"


def test_the_gateways_own_words_stay_verbatim(chinese: None) -> None:
    error = error_from_body(401, {"message": "invalid token {x}"}, {})
    assert isinstance(error, AuthError)
    assert error.message.endswith("输入有效的密钥。网关返回：invalid token {x}")


def test_english_again_without_a_translator(chinese: None, tmp_path: Path) -> None:
    text.set_translator(None)
    assert prompt_finding() == "Write a prompt: describe the shot you want."
    assert missing_image_error(tmp_path) == (
        "“gone.png” was not found. It may have been moved or deleted; choose the image again."
    )


def test_a_translation_that_names_an_unknown_field_falls_back_to_english() -> None:
    text.set_translator(lambda template: "{nope} 不存在")
    try:
        assert text.msg("No job {job_id} in the journal.", job_id="abc") == (
            "No job abc in the journal."
        )
    finally:
        text.set_translator(None)
