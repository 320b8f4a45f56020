"""The ``vaultkit`` command: a thin shell over the library.

Each command lives in its own module under ``vaultkit/cli/`` and is imported
only when it runs, so ``vaultkit --version`` starts fast. Add a command by
adding one line to ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from vaultkit import __version__

# command name -> "module:attribute"; modules not present yet are skipped.
COMMANDS = {
    "lint": "vaultkit.cli.lint:lint",
    "rules": "vaultkit.cli.lint:rules",
    "scaffold": "vaultkit.cli.scaffold:scaffold",
    "new": "vaultkit.cli.scaffold:new",
    "moc": "vaultkit.cli.moc:moc",
    "project": "vaultkit.cli.gtd:project",
    "area": "vaultkit.cli.gtd:area",
    "note": "vaultkit.cli.gtd:note",
    "task": "vaultkit.cli.gtd:task",
    "log": "vaultkit.cli.gtd:log",
    "report": "vaultkit.cli.report:report",
    "graph": "vaultkit.cli.graph:graph",
    "stats": "vaultkit.cli.graph:stats",
    "mv": "vaultkit.cli.mv:mv",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args, lazy_commands: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def _available(self) -> list[str]:
        names = []
        for name, target in self.lazy_commands.items():
            module = target.split(":")[0]
            if importlib.util.find_spec(module) is not None:
                names.append(name)
        return names

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._available()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None or cmd_name not in self.lazy_commands:
            return command
        module_name, attr = self.lazy_commands[cmd_name].split(":")
        if importlib.util.find_spec(module_name) is None:
            return None
        return getattr(importlib.import_module(module_name), attr)


@click.group(
    cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="vaultkit")
def cli() -> None:
    """vaultkit: parse, lint and generate Obsidian vaults.

    \b
    Examples:
      vaultkit lint                      # lint the vault around the current folder
      vaultkit lint examples/vault       # lint a vault
      vaultkit scaffold senior-sre ~/Vault
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="vaultkit")
