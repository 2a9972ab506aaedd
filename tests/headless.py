"""Headless Chromium for the browser tests: Debian's chromium + chromedriver, no downloads.

The flags keep Chromium off the network (this machine has none) and in a fresh profile.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run")


def chromium_driver(profile: Path, *, window: str = "1400,1000", browser_log: bool = False):
    """A Selenium driver for a new Chromium; skips the test when Chromium is not installed."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium/chromedriver not installed: run `bash scripts/system-deps.sh`")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--window-size={window}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if browser_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def artifact_path(name: str) -> Path:
    """Where a test keeps a screenshot for people to look at: ``out/test-artifacts/`` in the
    checkout (``KG_TEST_ARTIFACTS`` overrides), kept after the run and named in its output."""
    import os

    root = Path(os.environ.get("KG_TEST_ARTIFACTS")
                or Path(__file__).resolve().parents[1] / "out" / "test-artifacts")
    root.mkdir(parents=True, exist_ok=True)
    return root / name
