"""The report in a real headless browser: loads clean, draws every node, renders a picture.

Needs Debian's ``chromium``. When it is missing and the tests run as root,
the fixture installs it with apt-get (bounded by a timeout); otherwise the
tests are skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vaultkit.report.html import build_report, lint_findings, pick_nodes
from vaultkit.report.stats import note_graph

INSTALL_TIMEOUT = 600
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


def _install_chromium() -> str | None:
    if shutil.which("chromium"):
        return shutil.which("chromium")
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        for command in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "chromium"],
        ):
            subprocess.run(
                command, env=env, capture_output=True, timeout=INSTALL_TIMEOUT, check=True
            )
    except (subprocess.SubprocessError, OSError):
        return None
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = _install_chromium()
    if exe is None:
        pytest.skip("chromium is not installed and cannot be (needs root, apt-get and the network)")
    return exe


def browse(chromium: str, page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
    )


def console_errors(stderr: str) -> list[str]:
    """Lines where the page logged to the console or threw (Chromium logs them as CONSOLE)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


HOSTILE = {
    "Home.md": '---\ntags: [hub]\n---\n[[Alpha]] [[Beta]] [[<b>bold</b> & "quoted"]]\n',
    "Projects/Alpha.md": "#project\n[[Beta]] [[Home]]\n",
    "Projects/Beta.md": "#project\n[[Home]] [[Missing]]\n",
    '<b>bold</b> & "quoted".md': "#odd\n[[Home]]\n",
    "Lonely.md": "nothing\n",
}


def test_report_loads_clean_and_draws_every_node(chromium, make_vault, tmp_path):
    vault = make_vault(HOSTILE)
    findings, note = lint_findings(vault)
    page = tmp_path / "report.html"
    page.write_text(build_report(vault, findings, note), encoding="utf-8")
    expected = len(pick_nodes(note_graph(vault))[0])

    dom = browse(chromium, page, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_errors(dom.stderr) == []
    assert len(re.findall(r"<circle\b", dom.stdout)) == expected == 5
    assert "<b>bold</b>" not in dom.stdout  # the hostile name stayed text

    shot = tmp_path / "report.png"
    done = browse(chromium, page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000")
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_console_error_detection_works(chromium, tmp_path):
    """The check above would see a broken page: a script error shows up as CONSOLE/Uncaught."""
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>missing_function();</script></body></html>")
    done = browse(chromium, page, tmp_path, "--dump-dom")
    assert any("Uncaught" in line for line in console_errors(done.stderr))
