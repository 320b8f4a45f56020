"""The committed example vault: the senior-sre kit with fixed answers.

Regenerate it after changing the kit (the test suite fails until you do):

    python3 tests/generate/example_vault.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "vault"
ANSWERS = {"name": "Alex Example", "year": "2026", "date": "2026-01-05"}
TODAY = date(2026, 1, 5)


def generate(dest: Path) -> None:
    """Scaffold the example into ``dest`` (an empty or missing folder)."""
    from vaultkit.generate.scaffold import scaffold

    scaffold("senior-sre", dest, ANSWERS, today=TODAY)


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by POSIX path, without vaultkit's lock cache."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".vaultkit" not in p.relative_to(root).parts
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "vault"
        generate(fresh)
        shutil.rmtree(fresh / ".vaultkit", ignore_errors=True)
        if EXAMPLE.exists():
            shutil.rmtree(EXAMPLE)
        shutil.copytree(fresh, EXAMPLE)
    print(f"wrote {len(files(EXAMPLE))} files to {EXAMPLE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
