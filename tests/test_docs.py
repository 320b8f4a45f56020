"""Every CLI command and option is documented in README.md or docs/*.md.

The command tree is walked from ``vaultkit.cli.cli``, including lazily
loaded commands whose modules are present. A command counts as documented
when ``vaultkit <command path>`` appears in a page, and each of its options
(``--name``) must appear in one of the pages that document the command, so
an option cannot hide behind a same-named option of another command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from vaultkit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SKIP_OPTIONS = {"--help", "-h", "--version"}


def pages() -> dict[str, str]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return {
        f.relative_to(ROOT).as_posix(): f.read_text(encoding="utf-8") for f in files if f.is_file()
    }


def walk(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    if path:
        yield " ".join(path), command
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=path[-1] if path else "vaultkit")
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                yield from walk(sub, (*path, name))


def option_names(command: click.Command) -> list[str]:
    """The long name of each option (the short one when there is no long one)."""
    names = []
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        opts = [o for o in param.opts if o not in SKIP_OPTIONS]
        if opts:
            names.append(max(opts, key=len))
    return names


COMMANDS = dict(walk(cli))


def test_the_tree_is_walked():
    # graph, stats and report html are always part of vaultkit.
    assert {"graph", "stats", "report", "report html"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_command_and_options_are_documented(path):
    docs = pages()
    mention = f"vaultkit {path}"
    where = [name for name, text in docs.items() if mention in text]
    assert where, f"`{mention}` appears in neither README.md nor docs/*.md"
    text = "\n".join(docs[name] for name in where)
    missing = [
        opt
        for opt in option_names(COMMANDS[path])
        if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text)
    ]
    assert not missing, f"`{mention}` options not in {', '.join(where)}: {', '.join(missing)}"
