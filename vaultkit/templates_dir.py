"""Where the bundled templates live, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    """The folder holding vaultkit's bundled templates and kits.

    Installed from a wheel they are the package ``vaultkit/_templates``; in a
    source or editable checkout they are the top-level ``templates/`` folder.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    try:  # editable installs may map the package elsewhere
        import vaultkit._templates as pkg

        return Path(next(iter(pkg.__path__)))
    except (ImportError, StopIteration):
        pass
    raise FileNotFoundError("vaultkit's bundled templates are missing; reinstall vaultkit")
