"""Incremental lint: after edits, re-checking a few notes gives the whole-vault answer."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.lint import LintConfig, incremental, lint_vault
from vaultkit.lint.incremental import lint_with_state
from vaultkit.model.vault import LoadOptions, Vault

NAMES = ["A", "B", "C", "D", "E", "Sub/F"]
# Pieces of notes chosen so that each rule's cross-note inputs change:
# headings and blocks others link to, aliases broken links are matched
# against, links that make or unmake orphans.
PIECES = [
    "[[B]]",
    "[[B#Intro]]",
    "[[C#Intro#Deeper]]",
    "[[D#^blk]]",
    "![[C#Other]]",
    "[[F]]",
    "[[Sub/F#Intro]]",
    "[[Nickname]]",
    "[[Missng]]",
    "[[A]]",
    "# Intro",
    "## Deeper",
    "# Other",
    "A paragraph. ^blk",
    "Another. ^blk",
    "#tag",
    "%% vaultkit-disable-next-line %%",
    "![[pic.png]]",
    "plain text",
]
FRONTMATTER = [
    "",
    "---\naliases: [Nickname]\n---\n",
    "---\naliases: [Other name]\ntags: [x]\n---\n",
    "---\ntags: [x]\n---\n",
    "---\nbad: [\n---\n",
]
Body = st.tuples(st.sampled_from(FRONTMATTER), st.lists(st.sampled_from(PIECES), max_size=6))
Edit = st.tuples(st.sampled_from(NAMES), Body)


def _write(root: Path, name: str, body: tuple[str, list[str]], when: float) -> None:
    path = root / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body[0] + "\n".join(body[1]) + "\n", encoding="utf-8")
    os.utime(path, (when, when))  # older than the 2-second racy window


def _whole(root: Path, wanted: list[str] | None = None) -> list:
    return lint_vault(Vault.load(root), LintConfig(), paths=wanted)


@pytest.fixture
def always_incremental(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small vaults: never fall back to a whole load because the share is large."""
    monkeypatch.setattr(incremental, "MAX_SHARE", 0)


@settings(
    max_examples=int(os.environ.get("VK_INCREMENTAL_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=st.lists(Body, min_size=len(NAMES), max_size=len(NAMES)),
    edits=st.lists(st.lists(Edit, min_size=1, max_size=2), min_size=1, max_size=4),
)
def test_incremental_answers_equal_whole_vault_answers(always_incremental, start, edits) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".obsidian").mkdir()
        (root / "pic.png").write_bytes(b"\x89PNG")
        when = time.time() - 1000
        for name, body in zip(NAMES, start, strict=True):
            _write(root, name, body, when)
        first = lint_with_state(root, LintConfig(), LoadOptions(), "test")
        assert first.mode == "full" and first.diagnostics == _whole(root)
        for step, batch in enumerate(edits, start=1):
            for name, body in batch:
                _write(root, name, body, when + step)
            run = lint_with_state(root, LintConfig(), LoadOptions(), "test")
            assert run.mode == "incremental"
            assert run.diagnostics == _whole(root), f"after edits {edits[:step]}"


def _vault(root: Path, notes: int = 40) -> Path:
    """A chain of notes, each linking to the next one's heading."""
    (root / ".obsidian").mkdir()
    when = time.time() - 1000
    for i in range(notes):
        body = ("", [f"# Heading {i}", f"[[N{i + 1}#Heading {i + 1}]]", f"[[N{i + 2}]]"])
        _write(root, f"N{i}", body, when)
    return root


def test_one_changed_note_rechecks_its_neighbours_only(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    assert lint_with_state(root, LintConfig(), LoadOptions(), "k").parsed == 40
    _write(root, "N20", ("", ["# Renamed", "[[N21#Heading 21]]"]), time.time() - 500)
    run = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    # N20 itself; N18 and N19 link to it; N21 and N22 were its targets.
    assert (run.mode, run.changed, run.checked) == ("incremental", 1, 5)
    assert run.parsed <= 5 + 4  # the checked notes and the notes their headings live in
    assert run.diagnostics == _whole(root)
    assert [d.path for d in run.diagnostics if d.rule == "broken-heading"] == ["N19.md"]


def test_nothing_changed_checks_nothing(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    first = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    again = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    assert (again.mode, again.changed, again.checked, again.parsed) == ("incremental", 0, 0, 0)
    assert again.diagnostics == first.diagnostics


def test_a_new_file_lints_the_whole_vault(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    lint_with_state(root, LintConfig(), LoadOptions(), "k")
    _write(root, "N40", ("", ["# Heading 40"]), time.time() - 500)
    run = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    assert run.mode == "full" and run.diagnostics == _whole(root)


def test_another_config_or_settings_file_starts_afresh(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    lint_with_state(root, LintConfig(), LoadOptions(), "k")
    assert lint_with_state(root, LintConfig(), LoadOptions(), "other").mode == "full"
    (root / ".obsidian" / "app.json").write_text("{}")
    past = time.time() - 100
    os.utime(root / ".obsidian" / "app.json", (past, past))
    assert lint_with_state(root, LintConfig(), LoadOptions(), "other").mode == "full"
    assert lint_with_state(root, LintConfig(), LoadOptions(), "other").mode == "incremental"


def test_many_changes_load_the_whole_vault(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    lint_with_state(root, LintConfig(), LoadOptions(), "k")
    for i in range(10):
        _write(root, f"N{i}", ("", [f"# Heading {i}"]), time.time() - 500)
    run = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    assert run.mode == "full" and run.diagnostics == _whole(root)


def test_a_note_edited_within_the_racy_window_is_checked_again(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    lint_with_state(root, LintConfig(), LoadOptions(), "k")
    note = root / "N5.md"
    note.write_text("[[Gone]]\n", encoding="utf-8")  # mtime: now
    stamp = note.stat().st_mtime_ns
    lint_with_state(root, LintConfig(), LoadOptions(), "k")
    note.write_text("[[Also]]\n", encoding="utf-8")  # same size, same mtime tick
    os.utime(note, ns=(stamp, stamp))
    run = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    assert [d.message for d in run.diagnostics if d.path == "N5.md"][0].startswith("[[Also]]")


def test_a_subset_then_another_subset(always_incremental, tmp_path: Path) -> None:
    root = _vault(tmp_path)
    first = lint_with_state(root, LintConfig(), LoadOptions(), "k", paths=["N1.md"])
    assert first.checked == 1 and first.diagnostics == _whole(root, ["N1.md"])
    run = lint_with_state(root, LintConfig(), LoadOptions(), "k", paths=["N39.md", "N1.md"])
    assert run.mode == "incremental" and run.checked == 1
    assert run.diagnostics == _whole(root, ["N1.md", "N39.md"])


def test_a_damaged_state_file_is_ignored(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    first = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    state = root / ".vaultkit" / "cache" / "result-lint-state.bin"
    state.write_bytes(state.read_bytes()[:-10])
    run = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    assert run.mode == "full" and run.diagnostics == first.diagnostics


def test_linting_on_two_processes_gives_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    from vaultkit.lint import linter
    from vaultkit.lint.index import forget_index, index_for
    from vaultkit.model.processes import cpu_jobs

    if cpu_jobs(2) < 2:
        pytest.skip("parallel linting needs Linux and a single-threaded process")
    monkeypatch.setattr(linter, "PARALLEL_MIN_NOTES", 0)
    vault = Vault.load(Path(__file__).parents[1] / "model" / "fixtures" / "semantics")
    notes = list(vault.notes.values())
    config = LintConfig()
    answers = []
    for jobs in (1, 2, 3):
        index = index_for(vault, ())
        answers.append(
            linter.lint_notes(vault, notes, linter.active_rules(config), config, index, jobs)
        )
        forget_index()
    assert answers[0] == answers[1] == answers[2]
    assert sum(map(len, answers[0])) > 10  # the fixture has findings to compare


def test_another_vaultkit_version_starts_afresh(tmp_path: Path, monkeypatch) -> None:
    import vaultkit

    root = _vault(tmp_path)
    lint_with_state(root, LintConfig(), LoadOptions(), "k")
    monkeypatch.setattr(vaultkit, "__version__", vaultkit.__version__ + ".post1")
    assert lint_with_state(root, LintConfig(), LoadOptions(), "k").mode == "full"


def test_a_whole_vault_run_leaves_the_parse_cache_for_the_next_load(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    run = lint_with_state(root, LintConfig(), LoadOptions(), "k")
    assert run.mode == "full" and run.vault is not None and len(run.vault.notes) == 40
    # the state says nothing changed, so lint itself reads no note again ...
    assert lint_with_state(root, LintConfig(), LoadOptions(), "k").parsed == 0
    # ... and the parse cache the run wrote after linting serves a plain load
    assert Vault.load(root, cache=True).stats.parsed == 0


def test_a_large_vault_is_saved_by_one_detached_writer_after_linting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vaultkit.model import processes
    from vaultkit.model import vault as vault_module

    if not processes.can_fork():
        pytest.skip("detached writers need Linux and a single-threaded process")
    root = _vault(tmp_path)
    monkeypatch.setattr(incremental, "BACKGROUND_MIN_NOTES", 1)
    monkeypatch.setattr(vault_module, "PARALLEL_MIN_BYTES", 0)  # "large" for Vault.load too
    forks = []
    real = processes.run_detached
    for module in (incremental, vault_module):
        monkeypatch.setattr(module, "run_detached", lambda *a: (forks.append(1), real(*a)))
    lint_with_state(root, LintConfig(), LoadOptions(), "k", background_save=True)
    assert len(forks) == 1  # the parse cache and the state, in one process
    assert processes.wait_for_detached(root / ".vaultkit" / "cache" / "detached.lock")
    assert Vault.load(root, cache=True).stats.parsed == 0
    assert lint_with_state(root, LintConfig(), LoadOptions(), "k").mode == "incremental"
