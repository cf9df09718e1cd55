"""`make demo`: briefing alone installed (no test or lint tools), then a short tour."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_demo_installs_the_package_alone(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    planned = make("-n", "demo", f"VENV={venv}").stdout
    installs = [line for line in planned.splitlines() if " install " in line]
    assert installs == [f"{venv}/bin/pip install --quiet --disable-pip-version-check -e ."]
    assert f"-m venv {venv}" in planned
    # The test target installs the tools, under its own stamp.
    planned = make("-n", "test", f"VENV={venv}").stdout
    assert "-e '.[test,lint]'" in planned


def test_demo_is_a_short_tour_ending_with_the_check_summary(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    # briefing as this test run has it, without installing anything.
    script = venv / "bin" / "briefing"
    script.write_text(f'#!/bin/sh\nexec {sys.executable} -m briefing "$@"\n')
    script.chmod(0o755)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "COLUMNS": "80",
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = make("-s", "demo", f"VENV={venv}", "-o", f"{venv}/.installed-app", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) <= 120
    assert [line for line in lines if line.startswith("$ briefing")] == [
        "$ briefing timeline --topic gas-union",
        "$ briefing actor putin",
        "$ briefing brief --level summary",
        "$ briefing check",
    ]
    assert f"{venv}/bin/briefing --help" in done.stdout
    assert re.fullmatch(r"facts \(\d+ files\): no problems; .*", lines[-1])


def test_the_readme_has_two_setup_commands_and_says_how_to_run_briefing() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    block = setup.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make demo", "make test"]
    assert ".venv/bin/briefing" in setup
    assert "source .venv/bin/activate" in setup
