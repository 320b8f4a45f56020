"""Every command on the hostile vault: never a traceback, never exit 2 for bad notes.

Read-only commands (lint in all formats, stats, graph, reports) and writing
commands (moc, log, task, project, area, note, new) run through click's
CliRunner with the chmod-000 paths denied (tests run as root in CI), and
the main ones again through the installed ``vaultkit`` command. Writing
commands must leave every file they did not mean to touch byte-identical.
Commands that have not landed yet are skipped with the reason.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.hostile import hostile_vault
from vaultkit.cli import COMMANDS, cli


def _needs(command: str) -> None:
    module = COMMANDS[command].split(":")[0]
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"`vaultkit {command}` has not landed yet ({module})")


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("hostile-cli")
    root = base / "vault"
    hostile_vault.build(root, base / "outside", heavy=False)
    yield root
    hostile_vault.restore_permissions(root)


def _run(root: Path, args: list[str]) -> Result:
    with hostile_vault.denied(root):
        result = CliRunner().invoke(cli, args, env={"VAULTKIT_VAULT": str(root), "NO_COLOR": "1"})
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    assert "internal error" not in output, output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_lint_reports_the_hostile_notes_in_every_format(vault: Path, fmt: str) -> None:
    _needs("lint")
    result = _run(vault, ["lint", str(vault), "--format", fmt])
    assert result.exit_code in (0, 1), result.stderr
    if fmt == "json":
        items = json.loads(result.stdout)
        paths = {d["path"] for d in items}
        for bad in ("yaml/unclosed-bracket.md", "yaml/alias-bomb.md", "enc/latin-1.md"):
            assert bad in paths, bad
    elif fmt == "sarif":
        assert json.loads(result.stdout)["version"] == "2.1.0"
    elif fmt == "github":
        assert all(line.startswith("::") for line in result.stdout.splitlines() if line)


READ_ONLY = [
    ("stats", ["stats"]),
    ("graph", ["graph", "--format", "json"]),
    ("graph", ["graph", "--format", "mermaid"]),
    ("report", ["report", "impact"]),
    ("rules", ["rules"]),
]


@pytest.mark.parametrize(("command", "args"), READ_ONLY, ids=[" ".join(a) for _, a in READ_ONLY])
def test_read_only_commands_survive(vault: Path, command: str, args: list[str]) -> None:
    _needs(command)
    result = _run(vault, args)
    assert result.exit_code in (0, 1), result.stderr


def test_html_report_survives(vault: Path, tmp_path: Path) -> None:
    _needs("report")
    result = _run(vault, ["report", "html", str(vault), "-o", str(tmp_path / "r.html")])
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "r.html").stat().st_size > 0


WRITES = [
    ("moc", ["moc", "update"]),
    ("moc", ["moc", "build", "All YAML", "--folder", "yaml"]),
    ("moc", ["moc", "build", "Clean", "--tag", "clean"]),
    ("log", ["log", "--date", "2026-01-02", "--time", "09:00", "Survived the hostile vault"]),
    ("task", ["task", "add", "Check the hostile vault", "--area", "Work & Career"]),
    ("project", ["project", "create", "Hostile Project"]),
    ("area", ["area", "create", "Hostile Area"]),
    ("note", ["note", "create", "Hostile Note", "Resources"]),
    ("new", ["new", "note", "Hostile New"]),
    ("scaffold", ["scaffold", "senior-sre", "{vault}"]),
]


def _snapshot(root: Path) -> dict[str, str]:
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".vaultkit" and os.access(Path(folder) / d, os.R_OK)]
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or name.startswith(".vaultkit-"):
                continue
            if path.stat().st_mode & 0o777 == 0:
                continue
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.parametrize(("command", "args"), WRITES, ids=[" ".join(a) for _, a in WRITES])
def test_writing_commands_touch_only_their_own_notes(
    vault: Path, command: str, args: list[str]
) -> None:
    _needs(command)
    before = _snapshot(vault)
    result = _run(vault, [a.replace("{vault}", str(vault)) for a in args])
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    after = _snapshot(vault)
    changed = sorted(p for p in before if after.get(p) != before[p])
    hostile_names = {c.path for c in hostile_vault.all_cases()} | set(hostile_vault.CLEAN)
    hostile_names |= {".obsidian/app.json", ".obsidian/daily-notes.json"}
    assert not [p for p in changed if p in hostile_names], changed


def test_every_hostile_file_is_unchanged_after_all_commands(vault: Path) -> None:
    """Runs last in this module: the files vaultkit did not write are as generated."""
    fresh = vault.parent / "fresh"
    hostile_vault.build(fresh, vault.parent / "outside2", heavy=False)
    try:
        theirs, ours = _snapshot(fresh), _snapshot(vault)
        assert {p: h for p, h in ours.items() if p in theirs} == theirs
    finally:
        hostile_vault.restore_permissions(fresh)


# -- the installed command ---------------------------------------------------


def _installed(root: Path, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("vaultkit")
    if exe is None:
        pytest.skip("the vaultkit command is not installed (pip install -e .)")
    env = {**os.environ, "VAULTKIT_VAULT": str(root), "NO_COLOR": "1"}
    env.pop("VAULTKIT_DEBUG", None)
    done = subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-2000:]
    return done


def test_installed_lint_json_on_the_hostile_vault(vault: Path) -> None:
    _needs("lint")
    done = _installed(vault, "lint", str(vault), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert {d["path"] for d in json.loads(done.stdout)} >= {"yaml/deep-flow.md", "enc/utf-16.md"}


def test_installed_log_on_the_hostile_vault(vault: Path) -> None:
    _needs("log")
    done = _installed(vault, "log", "--date", "2026-01-03", "--time", "10:00", "From a shell")
    assert done.returncode == 0, done.stderr
    daily = [p for p in vault.rglob("2026-01-03.md")]
    assert daily and "From a shell" in daily[0].read_text(encoding="utf-8")


HOSTILE_FRONTMATTER = {
    "Deep": "a: " + "[" * 50_000 + "]" * 50_000,
    "Bomb": "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]"
            for i in range(9)
        ]
    ),
    "Dates": "created: 2026-13-45\nn: " + "9" * 5000,
    "Tabs": "tags: [a\n\tb: c",
}


@pytest.mark.parametrize("area", HOSTILE_FRONTMATTER)
def test_task_add_to_an_area_note_with_hostile_frontmatter(vault: Path, area: str) -> None:
    _needs("task")
    note = vault / "2-Areas" / f"{area}.md"
    note.parent.mkdir(exist_ok=True)
    head = f"---\n{HOSTILE_FRONTMATTER[area]}\n---\n# {area}\n\n## Tasks\n"
    note.write_text(head, encoding="utf-8")
    result = _run(vault, ["task", "add", f"Task for {area}", "--area", area])
    assert result.exit_code == 0, result.stdout + result.stderr
    text = note.read_text(encoding="utf-8")
    assert text.startswith(head)  # the frontmatter is kept byte for byte
    assert f"- [ ] Task for {area}" in text


def test_a_log_into_a_daily_note_that_is_not_utf8_is_refused_cleanly(vault: Path) -> None:
    _needs("log")
    first = _run(vault, ["log", "--date", "2026-02-03", "--time", "08:00", "first"])
    assert first.exit_code == 0, first.stderr
    daily = next(vault.rglob("2026-02-03.md"))
    daily.write_bytes(daily.read_bytes() + b"caf\xe9\n")
    before = daily.read_bytes()
    result = _run(vault, ["log", "--date", "2026-02-03", "--time", "08:30", "second"])
    assert result.exit_code == 2
    assert "not UTF-8" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert daily.read_bytes() == before
