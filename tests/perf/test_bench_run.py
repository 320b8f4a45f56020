"""The benchmark runner's contracts: what it measures, n/a for missing commands, no vault left edited.

Nothing here asserts a duration: only that the runner measures, reports and
cleans up the way bench/README.md says.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def run():
    sys.path.insert(0, str(REPO / "bench"))  # run.py imports generate.py beside it
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    if module._spawner is not None:
        module._spawner.close()  # no child process left behind for later tests
    sys.path.remove(str(REPO / "bench"))


def test_measure_takes_the_median_after_a_warm_up(run) -> None:
    calls = []
    result = run.measure([sys.executable, "-c", "pass"], runs=3, before=lambda: calls.append(1))
    assert result.status == "ok"
    assert len(calls) == 4 and len(result.runs) == 3  # one warm-up, not counted
    assert result.seconds == sorted(result.runs)[1]
    assert result.rss_mb > 1 and result.cpu >= 0


def test_a_command_that_does_not_exist_yet_is_na(run) -> None:
    result = run.measure([run.vaultkit_exe(), "no-such-command-yet"], runs=1)
    assert result.status == "n/a"
    assert run.cell(result, 1.0, 0.5, None) == "n/a"


def test_a_failing_command_is_an_error_with_its_message(run) -> None:
    code = "import sys; print('boom: vault not found'); sys.exit(2)"
    result = run.measure([sys.executable, "-c", code], runs=1)
    assert result.status == "error"
    assert "exit 2: boom: vault not found" in result.message


def test_cell_shows_floor_multiple_and_misses(run) -> None:
    result = run.Result(seconds=0.6, cpu=0.5, rss_mb=350.0)
    text = run.cell(result, floor=0.2, target=0.5, rss_target=300)
    assert text.startswith("0.600 s (3.0× floor), cpu 0.50 s, 350 MB")
    assert "over target 0.5 s, RSS target 300 MB" in text
    assert run.cell(run.Result(seconds=0.1, cpu=0.1, rss_mb=20.0), 0.2, 0.5, None).endswith("✓")


def test_edits_change_notes_and_restore_them(run, tmp_path: Path) -> None:
    folder = tmp_path / "3-Resources" / "Topic"
    folder.mkdir(parents=True)
    originals = {}
    for i in range(12):
        path = folder / f"Note {i}.md"
        path.write_bytes(f"note {i}\n".encode())
        originals[path] = path.read_bytes()
    edits = run.Edits(tmp_path, 10)
    edits()
    edits()
    changed = [p for p in originals if p.read_bytes() != originals[p]]
    assert len(changed) == 10
    assert all(p.read_bytes().endswith(b"Edited for run 2.\n") for p in changed)
    assert len(edits.relative(tmp_path)) == 10
    edits.restore()
    assert all(p.read_bytes() == data for p, data in originals.items())


def test_peak_rss_is_the_childs_own_not_the_runners(run) -> None:
    # Linux carries peak RSS over fork and exec: a child forked by a runner
    # holding 300 MB would report 300 MB although it uses ~10 MB itself.
    run.spawner()  # started while this process is small, as main() does
    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # touch every page
    result = run.measure([sys.executable, "-c", "pass"], runs=1)
    assert result.rss_mb < 100
    big = run.measure(
        [
            sys.executable,
            "-c",
            "x = bytearray(200 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])",
        ],
        runs=1,
    )
    assert big.rss_mb > 200
    del ballast


def test_children_write_bytecode_like_a_users_python(run, monkeypatch) -> None:
    # The runner must time what a user gets: a second run reads .pyc files.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(run, "_spawner", None)  # a helper started with this environment
    code = "import sys; print(sys.dont_write_bytecode)"
    seconds, rss, exit_code, text, cpu = run.run_once([sys.executable, "-c", code])
    run._spawner.close()
    assert exit_code == 0 and text.strip() == "False"


def test_incremental_check_compares_with_a_whole_run_and_restores_notes(run, tmp_path) -> None:
    vault = tmp_path / "vault"
    run.generate.generate(vault, 60, 3)
    before = {p: p.read_bytes() for p in vault.rglob("*.md")}
    verdict = run.check_incremental(vault)
    assert verdict.count("identical ✓") == 2, verdict
    assert {p: p.read_bytes() for p in vault.rglob("*.md")} == before
