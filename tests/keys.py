"""Every API key value the suite hands to the code under test, in one place, so the key scan
(tests/keyscan/test_key_scan.py) knows what must never be written down. Long and unlike any
other string, so a hit is never a coincidence."""

from __future__ import annotations

E2E_KEY = "sk-e2e-test-key-0123456789"
FAULT_KEY = "sk-fault-matrix-5e1d0c9b7a"
BAD_INPUT_KEY = "sk-bad-input-3f9a27c4e1"
CONCURRENCY_KEY = "sk-concurrency-8b2e61d0f4"
ROTATED_KEY = "sk-rotated-after-401-a7c3e9"

ALL_KEYS = (E2E_KEY, FAULT_KEY, BAD_INPUT_KEY, CONCURRENCY_KEY, ROTATED_KEY)
