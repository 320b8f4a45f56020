"""Small vaults written from a dict, and a snapshot of every link's resolution."""

from __future__ import annotations

from pathlib import Path

from vaultkit.model.vault import LoadOptions, Vault

OPTIONS = LoadOptions()


def write_vault(root: Path, files: dict[str, str | bytes], app_json: str | None = None) -> Path:
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    if app_json is not None:
        (root / ".obsidian" / "app.json").write_text(app_json, encoding="utf-8")
    for path, content in files.items():
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8", newline="")
    return root


def load(root: Path) -> Vault:
    return Vault.load(root, OPTIONS, jobs=1)


def resolutions(vault: Vault) -> dict[str, list[tuple[str, str | None]]]:
    """Note path -> ``(raw, resolved)`` for each of its links, in order."""
    return {p: [(link.raw, link.resolved) for link in n.links] for p, n in vault.notes.items()}


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime (hidden .vaultkit/ locks excluded)."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".vaultkit" not in p.parts
    }
