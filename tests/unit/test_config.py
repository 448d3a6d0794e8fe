"""Base URLs and pasted keys are normalised or refused with a message that says what to do."""

from pathlib import Path

import pytest

from veo_desktop.core.config import SharedSettings, gateway_url, normalize_base_url, normalize_key
from veo_desktop.core.errors import InvalidInputError
from veo_desktop.core.paths import resolve_paths


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


def test_settings_round_trip_and_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    s = SharedSettings(base_url="https://g.example", max_concurrent_jobs=5)
    s.save(path)
    assert SharedSettings.load(path) == s
    path.write_text("{not json")
    assert SharedSettings.load(path) == SharedSettings()


def test_gateway_url_option_beats_environment_beats_settings() -> None:
    settings = SharedSettings(base_url="https://settings.example/v1")
    env = {"VEO_BASE_URL": "env.example"}
    assert gateway_url("https://given.example/", settings, env) == "https://given.example"
    assert gateway_url(None, settings, env) == "https://env.example"
    assert gateway_url("", settings, {}) == "https://settings.example"
    assert gateway_url(None, SharedSettings(), {}) == ""


def test_gateway_url_keeps_the_insecure_http_rule() -> None:
    with pytest.raises(InvalidInputError):
        gateway_url("http://remote.example", SharedSettings(), {})
    allowed = SharedSettings(allow_insecure_http=True)
    assert gateway_url("http://remote.example", allowed, {}) == "http://remote.example"


def test_demo_data_dir_is_its_own_unless_one_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VEO_DATA_DIR", raising=False)
    real, demo = resolve_paths(), resolve_paths(demo=True)
    assert demo.data_dir == real.data_dir / "demo" and demo.library_dir.parent == demo.data_dir
    given = resolve_paths(tmp_path, demo=True)
    assert given == resolve_paths(tmp_path) and given.data_dir == tmp_path.resolve()
