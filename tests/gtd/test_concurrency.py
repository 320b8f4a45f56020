"""50 ``vaultkit log`` processes at once: 50 entries, one intact note."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.gtd.conftest import script
from vaultkit.gtd import create_area, read_log

WRITERS = 50


def test_fifty_concurrent_log_processes_leave_fifty_entries(vault: Path) -> None:
    create_area(vault, "Work & Career")
    env = {**os.environ, "VAULTKIT_VAULT": str(vault)}
    command = script("vaultkit")
    procs = [
        subprocess.Popen(
            [command, "log", f"entry {n:02d} (Work & Career)", "--date", "2025-03-14"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * WRITERS, errors
    text = (vault / "Daily/2025-03-14.md").read_text(encoding="utf-8")
    # the note is whole: frontmatter first, one Log heading, every entry once
    assert text.startswith("---\n") and text.count("## Log") == 1
    entries = sorted(e.text for e in read_log(vault))
    assert entries == [f"entry {n:02d} ([[Work & Career]])" for n in range(WRITERS)]
    leftovers = [p.name for p in (vault / "Daily").iterdir() if p.name != "2025-03-14.md"]
    assert leftovers == []  # no temp files left behind


def test_concurrent_project_creates_all_land_in_the_area_list(vault: Path) -> None:
    env = {**os.environ, "VAULTKIT_VAULT": str(vault)}
    titles = [f"Project {n:02d}" for n in range(12)]
    procs = [
        subprocess.Popen([script("gtd-project"), "create", t, "--area=Work & Career"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for t in titles
    ]  # fmt: skip
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(titles), errors
    text = (vault / "2-Areas/Work & Career.md").read_text(encoding="utf-8")
    assert text.count("%% vaultkit:begin projects %%") == 1
    assert sorted(line for line in text.splitlines() if line.startswith("- [[Project")) == [
        f"- [[{t}]]" for t in titles
    ]
