"""Behaviour every command shares."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_a_closed_pipe_is_not_an_internal_error(tmp_path: Path) -> None:
    for i in range(3000):
        (tmp_path / f"Note {i}.md").write_text(f"[[Missing {i}]]\n", encoding="utf-8")
    (tmp_path / ".obsidian").mkdir()
    # `head -1` closes the pipe after one line while lint still writes thousands
    result = subprocess.run(
        f"{sys.executable} -m vaultkit lint {tmp_path} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.stdout.count("\n") == 1
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_version_is_fast_to_import() -> None:
    # networkx, yaml and the parser must not load for --version
    code = "import sys; from vaultkit.cli import cli; print(sorted(m for m in ('networkx', 'yaml', 'jinja2', 'vaultkit.model.vault') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
