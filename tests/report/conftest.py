"""Small vaults written on the fly, and the real vaults when they are present."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vaultkit import Vault

REAL_VAULTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "vaults"

# A vault whose answers are known by hand:
#   Home -> Projects/Alpha, Projects/Beta, Areas/Health; embeds diagram.png
#   Alpha -> Beta (twice: wikilink + markdown), Beta -> Home, Health -> Missing (unresolved)
#   Lonely links nowhere and nothing links to it; Self links only to itself.
SMALL = {
    "Home.md": "---\ntags: [hub]\n---\n# Home\n[[Alpha]] [[Beta]] [[Health]]\n![[diagram.png]]\n",
    "Projects/Alpha.md": "#project/work\n[[Beta]] and [b](Beta.md)\n",
    "Projects/Beta.md": "#project\nBack to [[Home]]\n",
    "Areas/Health.md": "#area\n[[Missing]]\n",
    "Lonely.md": "No links here.\n",
    "Self.md": "[[Self]]\n",
    "diagram.png": "not really a png",
}


def write_files(root: Path, files: dict[str, str]) -> Path:
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[..., Vault]:
    """``make_vault(files, name="Vault")`` writes the files and loads the vault."""

    def make(files: dict[str, str], name: str = "Vault") -> Vault:
        return Vault.load(write_files(tmp_path / name, files))

    return make


@pytest.fixture
def small_vault(make_vault: Callable[..., Vault]) -> Vault:
    return make_vault(SMALL, name="My Vault")


@pytest.fixture
def real_vault() -> Callable[[str], Path]:
    def find(name: str) -> Path:
        path = (REAL_VAULTS / name).resolve()
        if not path.is_dir():
            pytest.skip(f"real vault {name} not present at {path}")
        return path

    return find
