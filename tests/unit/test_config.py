"""Base URLs and pasted keys are normalised or refused with a message that says what to do."""

import pytest

from veo_desktop.core.config import SharedSettings, normalize_base_url, normalize_key
from veo_desktop.core.errors import InvalidInputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://api.example.com/", "https://api.example.com"),
        ("  https://API.example.com//  ", "https://api.example.com"),
        ("api.example.com", "https://api.example.com"),
        ("https://api.example.com/v1", "https://api.example.com"),
        ("https://api.example.com/v1/video/generations", "https://api.example.com"),
        ("https://example.com/proxy/", "https://example.com/proxy"),
        ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
        ("http://localhost:9000", "http://localhost:9000"),
    ],
)
def test_base_url_normalised(text: str, expected: str) -> None:
    assert normalize_base_url(text) == expected


@pytest.mark.parametrize("text", ["", "ftp://example.com", "javascript:alert(1)", "https://"])
def test_base_url_refused(text: str) -> None:
    with pytest.raises(InvalidInputError) as e:
        normalize_base_url(text)
    assert "base URL" in e.value.message


def test_plain_http_refused_off_loopback_unless_allowed() -> None:
    with pytest.raises(InvalidInputError, match="unencrypted"):
        normalize_base_url("http://gateway.example.com")
    assert (
        normalize_base_url("http://gateway.example.com", allow_insecure_http=True)
        == "http://gateway.example.com"
    )


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (" sk-abc \n", "sk-abc"),
        ("sk-a\nbc", "sk-abc"),
        ("Bearer sk-abc", "sk-abc"),
        ("\tsk-abc\r\n", "sk-abc"),
    ],
)
def test_pasted_keys(raw: str, key: str) -> None:
    assert normalize_key(raw) == key


def test_settings_round_trip_and_corrupt_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    s = SharedSettings(base_url="https://g.example", max_concurrent_jobs=5)
    s.save(path)
    assert SharedSettings.load(path) == s
    path.write_text("{not json")
    assert SharedSettings.load(path) == SharedSettings()
