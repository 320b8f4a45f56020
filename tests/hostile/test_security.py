"""No title, variable, kit or template can write outside the vault or run code.

Every generator and GTD command gets titles and folders like ``../../x``,
absolute paths, drive letters and NUL; afterwards nothing exists outside
the vault. User kits and ``.j2`` templates render in Jinja's sandbox, so
``''.__class__.__mro__`` is refused with a one-line error naming the file.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vaultkit.cli import COMMANDS, cli

HOSTILE_TITLES = ["../../evil", "../evil/../../x", "/tmp/evil-abs", "C:\\evil", "a\0b", ".."]
ESCAPE_PROBE = "{{ ''.__class__.__mro__[1].__subclasses__() }}"


def _needs(command: str) -> None:
    module = COMMANDS[command].split(":")[0]
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"`vaultkit {command}` has not landed yet ({module})")


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A vault inside a folder that must stay empty apart from it."""
    root = tmp_path / "box" / "inside" / "vault"  # kits live beside "box"
    (root / ".obsidian").mkdir(parents=True)
    return root


def _outside(root: Path) -> list[str]:
    """Everything created beside the vault (the vault itself excluded)."""
    top = root.parent.parent
    found = []
    for folder, dirs, files in os.walk(top):
        if Path(folder) == root or root in Path(folder).parents:
            dirs[:] = []
            continue
        found += [str(Path(folder) / name) for name in files + dirs if Path(folder) / name != root]
    return sorted(set(found) - {str(root.parent)})


def _run(root: Path, args: list[str]) -> Result:
    result = CliRunner().invoke(cli, args, env={"VAULTKIT_VAULT": str(root)})
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert result.exit_code in (0, 1, 2), output
    return result


COMMAND_LINES = [
    ("new", lambda t: ["new", "note", t]),
    ("new", lambda t: ["new", "note", "Fine", "--folder", t]),
    ("new", lambda t: ["new", "note", "Fine", "--var", f"title={t}"]),
    ("project", lambda t: ["project", "create", t, "--area", t]),
    ("area", lambda t: ["area", "create", t]),
    ("note", lambda t: ["note", "create", t, "Resources"]),
    ("task", lambda t: ["task", "add", "x", "--area", t]),
    ("moc", lambda t: ["moc", "create", t]),
    ("moc", lambda t: ["moc", "build", t, "--folder", t]),
    ("moc", lambda t: ["moc", "create", "Fine", "--folder", t]),
]


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=repr)
@pytest.mark.parametrize(
    ("command", "make"),
    COMMAND_LINES,
    ids=[" ".join(m("T")[:2]) + f"#{i}" for i, (_, m) in enumerate(COMMAND_LINES)],
)
def test_titles_and_folders_never_leave_the_vault(
    sandbox: Path, command: str, make, title: str
) -> None:
    _needs(command)
    _run(sandbox, make(title))
    assert _outside(sandbox) == []
    assert not Path("/tmp/evil-abs").exists() and not Path("/tmp/evil-abs.md").exists()


def _kit(tmp_path: Path, manifest: str, templates: dict[str, str]) -> Path:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "kit.toml").write_text(
        '[kit]\nname = "hostile"\nversion = "1.0.0"\ndescription = "x"\n' + manifest,
        encoding="utf-8",
    )
    for name, text in templates.items():
        (kit / name).write_text(text, encoding="utf-8")
    return kit


KIT_ESCAPES = {
    "note folder": '[[notes]]\ntemplate = "n.md.j2"\ntitle = "N"\nfolder = "../out"\n',
    "note title": '[[notes]]\ntemplate = "n.md.j2"\ntitle = "../../../out"\n',
    "title variable": (
        '[variables.t]\ndefault = "../../out"\n'
        '[[notes]]\ntemplate = "n.md.j2"\ntitle = "N"\nfolder = "{{ t }}"\n'
    ),
    "file path": '[[files]]\ntemplate = "n.md.j2"\npath = "../out.md"\n',
    "absolute file path": '[[files]]\ntemplate = "n.md.j2"\npath = "/tmp/evil-abs.md"\n',
    "drive letter": '[[files]]\ntemplate = "n.md.j2"\npath = "C:/evil.md"\n',
}


@pytest.mark.parametrize(
    "case",
    [
        "note folder",
        "note title",
        "title variable",
        "file path",
        "absolute file path",
        "drive letter",
    ],
)
def test_a_kit_cannot_write_outside_the_vault(sandbox: Path, tmp_path: Path, case: str) -> None:
    _needs("scaffold")
    kit = _kit(tmp_path, KIT_ESCAPES[case], {"n.md.j2": "hello\n"})
    result = _run(sandbox, ["scaffold", str(kit), str(sandbox)])
    assert _outside(sandbox) == []
    assert not Path("/tmp/evil-abs.md").exists()
    if result.exit_code == 0:  # allowed only when the path was made safe inside the vault
        assert list(sandbox.rglob("*.md"))


def test_a_kit_template_cannot_reach_python_internals(sandbox: Path, tmp_path: Path) -> None:
    _needs("scaffold")
    kit = _kit(
        tmp_path,
        '[[notes]]\ntemplate = "probe.md.j2"\ntitle = "Probe"\n',
        {"probe.md.j2": ESCAPE_PROBE + "\n"},
    )
    result = _run(sandbox, ["scaffold", str(kit), str(sandbox)])
    assert result.exit_code == 2
    assert "sandbox" in result.stderr and "probe.md.j2:1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(sandbox.rglob("*.md"))  # nothing half-written


def test_a_j2_template_in_the_vault_renders_sandboxed(sandbox: Path) -> None:
    _needs("new")
    (sandbox / "Templates").mkdir()
    (sandbox / "Templates" / "probe.md.j2").write_text(ESCAPE_PROBE, encoding="utf-8")
    result = _run(sandbox, ["new", "Templates/probe.md.j2", "Probe"])
    assert result.exit_code == 2 and "sandbox" in result.stderr
    assert not (sandbox / "Probe.md").exists()


def test_an_obsidian_template_is_text_not_code(sandbox: Path) -> None:
    """Vault templates are Obsidian's: only {{title}}/{{date}} are filled, the rest stays text."""
    _needs("new")
    (sandbox / "Templates").mkdir()
    (sandbox / "Templates" / "Probe.md").write_text(
        "# {{title}}\n" + ESCAPE_PROBE + "\n", encoding="utf-8"
    )
    result = _run(sandbox, ["new", "Probe", "Made"])
    assert result.exit_code == 0, result.stderr
    made = next(p for p in sandbox.rglob("Made.md"))
    assert made.read_text(encoding="utf-8") == "# Made\n" + ESCAPE_PROBE + "\n"
