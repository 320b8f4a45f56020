"""Pieces every command shares: finding the vault, turning errors into exit 2."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from vaultkit.errors import VaultError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Print a VaultError (or an unexpected failure) as one line and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VaultError as exc:
            click.echo(f"vaultkit: error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `vaultkit ... | head` closed the pipe: stop quietly, as Unix tools
            # killed by SIGPIPE do (128 + 13), and keep Python from complaining
            # again when it flushes stdout at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(141)
        except Exception as exc:  # an internal failure: a message, never a traceback
            if os.environ.get("VAULTKIT_DEBUG"):
                raise
            click.echo(
                f"vaultkit: internal error: {type(exc).__name__}: {exc} "
                "(set VAULTKIT_DEBUG=1 for the traceback)",
                err=True,
            )
            sys.exit(EXIT_USAGE)

    return wrapper


def vault_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--vault PATH``, else ``$VAULTKIT_VAULT``, else the vault around the cwd."""
    return click.option(
        "--vault",
        "vault_path",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="VAULTKIT_VAULT",
        help="The vault to work on (default: $VAULTKIT_VAULT, else the vault around the current folder).",
    )(func)


def find_vault_root(vault_path: Path | None) -> Path:
    """The vault root to use, or a VaultError saying how to point at one."""
    from vaultkit.model.discover import find_vault

    if vault_path is not None:
        if not vault_path.is_dir():
            raise VaultError(f"{vault_path} is not a folder; pass --vault PATH to a vault")
        return vault_path
    root = find_vault(Path.cwd())
    if root is None:
        raise VaultError(
            "no vault found here or above (looked for .obsidian/ or .vaultkit.toml); "
            "pass --vault PATH or set VAULTKIT_VAULT"
        )
    return root
