"""Errors a user can hit: each names the file (and line) and says what to do."""

from __future__ import annotations


class VaultError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback (exit 2)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class NotAVaultError(VaultError):
    """No vault was found where the user pointed (or around the current directory)."""


class UnsafePathError(VaultError):
    """A write would land outside the vault or go through a symlink out of it."""


class ConflictError(VaultError):
    """A file exists (or changed on disk) and the user did not ask to overwrite it."""
