"""Parallel ``vaultkit log`` and ``vaultkit moc update`` on one (hostile) vault lose nothing.

Loggers append to one daily note and create others while MOC refreshes
re-list the daily folder: every entry must land exactly once, the MOC must
stay whole (its generated block intact, the text around it kept), and no
hostile note may change. tests/gtd/test_concurrency.py covers 50 loggers
alone; this adds the concurrent MOC writer and the hostile neighbours.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hostile import hostile_vault

LOGGERS, MOC_UPDATES = 24, 4

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("vaultkit.cli.gtd") is None
    or importlib.util.find_spec("vaultkit.cli.moc") is None,
    reason="the log and moc commands have not landed",
)


def _hashes(root: Path, paths: list[str]) -> dict[str, str]:
    return {p: hashlib.sha256((root / p).read_bytes()).hexdigest() for p in paths}


def test_parallel_logs_and_moc_updates_lose_nothing(tmp_path: Path) -> None:
    exe = shutil.which("vaultkit")
    if exe is None:
        pytest.skip("the vaultkit command is not installed (pip install -e .)")
    root = tmp_path / "vault"
    cases = hostile_vault.build(root, tmp_path / "outside", heavy=False)
    try:
        env = {**os.environ, "VAULTKIT_VAULT": str(root)}
        env.pop("VAULTKIT_DEBUG", None)
        first = subprocess.run(
            [exe, "moc", "build", "Daily Index", "--folder", "Daily"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert first.returncode == 0, first.stderr
        moc = next(root.rglob("Daily Index.md"))
        moc.write_text("Kept above.\n" + moc.read_text(encoding="utf-8") + "Kept below.\n", "utf-8")
        watched = [c.path for c in cases if c.scope == "note" and (root / c.path).is_file()]
        watched = [p for p in watched if os.access(root / p, os.R_OK)]
        before = _hashes(root, watched)

        procs = []
        for n in range(LOGGERS):
            day = "2026-03-01" if n % 2 else f"2026-03-{2 + n // 2:02d}"
            args = [exe, "log", "--date", day, "--time", f"10:{n:02d}", f"entry {n:02d}"]
            procs.append(
                subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            )
            if n % (LOGGERS // MOC_UPDATES) == 0:
                procs.append(
                    subprocess.Popen(
                        [exe, "moc", "update"],
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE,
                    )
                )
        errors = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * len(procs), errors

        daily = "".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("2026-03-*.md")))
        for n in range(LOGGERS):
            assert daily.count(f"entry {n:02d}") == 1, n
        text = moc.read_text(encoding="utf-8")
        assert text.startswith("Kept above.\n") and text.endswith("Kept below.\n")
        assert text.count("vaultkit:begin") == 1 and text.count("vaultkit:end") == 1
        assert _hashes(root, watched) == before
        visible_temp = [p for p in root.rglob("*.tmp") if not p.name.startswith(".")]
        assert visible_temp == []
    finally:
        hostile_vault.restore_permissions(root)


LINTERS = 6


def test_parallel_lint_runs_share_the_cache_without_harm(tmp_path: Path) -> None:
    """Concurrent `vaultkit lint` runs (cold, then warm, with a note edited in
    between) print what an uncached run prints, and leave a cache that works."""
    exe = shutil.which("vaultkit")
    if exe is None or importlib.util.find_spec("vaultkit.cli.lint") is None:
        pytest.skip("the installed vaultkit lint command is needed")
    root = tmp_path / "vault"
    hostile_vault.build(root, tmp_path / "outside", heavy=False)
    try:
        env = {**os.environ, "NO_COLOR": "1"}
        lint = [exe, "lint", str(root), "--format", "json"]

        def together() -> list[str]:
            procs = [
                subprocess.Popen(lint, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(LINTERS)
            ]
            outs = [p.communicate(timeout=300) for p in procs]
            assert {p.returncode for p in procs} <= {0, 1}, [e for _, e in outs]
            return [o.decode() for o, _ in outs]

        def uncached() -> str:
            done = subprocess.run([*lint, "--no-cache"], env=env, capture_output=True, timeout=300)
            return done.stdout.decode()

        assert set(together()) == {uncached()}  # cold: all race to write the cache
        assert set(together()) == {uncached()}  # warm
        (root / "clean" / "Clean B.md").write_text("[[Nowhere]]\n", encoding="utf-8")
        assert set(together()) == {uncached()}  # one note changed under the cache
    finally:
        hostile_vault.restore_permissions(root)
