"""The heart of ``vaultkit mv``: after a move, every link opens what it opened (the moved
file's links open it at its new path), over small random vaults with shared names."""

from __future__ import annotations

import posixpath
import tempfile
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.refactor.helpers import load, resolutions, snapshot, write_vault
from vaultkit.errors import VaultError
from vaultkit.model.resolve import key
from vaultkit.refactor import MoveRefused, apply_move, plan_move

FOLDERS = ["", "A", "B", "A/C"]
NAMES = ["Note", "note", "Other", "My Note", "Idea"]
FORMS = ["name", "path", "relative", "slash", "missing"]
SHAPES = ["wiki", "heading", "display", "embed", "markdown", "angle", "property", "table"]


def _path(folder: str, name: str, ext: str) -> str:
    return f"{folder}/{name}{ext}".lstrip("/")


def _file_key(file: tuple[str, str, str]) -> str:
    return key(_path(*file))  # Obsidian takes Note.md and note.md for one file


files_strategy = st.lists(
    st.tuples(
        st.sampled_from(FOLDERS), st.sampled_from(NAMES), st.sampled_from([".md"] * 4 + [".png"])
    ),
    min_size=2,
    max_size=7,
    unique_by=_file_key,
)
link_strategy = st.tuples(st.integers(0, 6), st.sampled_from(FORMS), st.sampled_from(SHAPES))


def _target(path: str, source: str, form: str, markdown: bool) -> str:
    if form == "missing":
        return "Missing.md" if markdown else "Missing"
    if not markdown and path.endswith(".md"):
        path = path[:-3]
    if form == "name":
        return path.rsplit("/", 1)[-1]
    if form == "slash":
        return "/" + path
    if form == "relative":
        relative = posixpath.relpath(path, posixpath.dirname(source) or ".")
        return relative if "/" in relative else "./" + relative
    return path


def _link(path: str, source: str, form: str, shape: str) -> tuple[str, str]:
    """``(frontmatter line, body text)`` for one link."""
    markdown = shape in ("markdown", "angle")
    t = _target(path, source, form, markdown)
    if shape == "markdown":
        return "", f"[m]({quote(t)})"
    if shape == "angle":
        return "", f"[m](<{t}#Top>)"
    if shape == "property":
        return f'p{len(t)}{len(source)}: "[[{t}]]"', ""
    if shape == "table":
        return "", f"\n| [[{t}\\|shown]] | b |\n|---|---|\n"
    return "", {
        "wiki": f"[[{t}]]",
        "heading": f"[[{t}#Top]]",
        "display": f"[[{t}|shown]]",
        "embed": f"![[{t}]]",
    }[shape]


def _note(path: str, paths: list[str], links: list[tuple[int, str, str]]) -> str:
    props, body = {}, []
    for index, form, shape in links:
        prop, text = _link(paths[index % len(paths)], path, form, shape)
        if prop:
            props[prop.split(":")[0]] = prop
        body.append(text)
    head = "---\n" + "\n".join(props.values()) + "\n---\n" if props else ""
    return head + "# Top\n" + " and ".join(body) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=files_strategy,
    links=st.lists(st.lists(link_strategy, max_size=5), min_size=7, max_size=7),
    pick=st.integers(0, 6),
    folder=st.sampled_from(FOLDERS + ["D/E"]),
    name=st.sampled_from(NAMES + [None]),
    link_format=st.sampled_from([None, "shortest", "relative", "absolute"]),
)
def test_every_link_keeps_its_target(files, links, pick, folder, name, link_format):
    paths = [_path(*f) for f in files]
    contents = {
        p: _note(p, paths, links[i]) if p.endswith(".md") else "PNG" for i, p in enumerate(paths)
    }
    old = paths[pick % len(paths)]
    ext = old[old.rfind(".") :]
    new = _path(folder, name or old.rsplit("/", 1)[-1][: -len(ext)], ext)
    with tempfile.TemporaryDirectory() as tmp:
        setting = None if link_format is None else f'{{"newLinkFormat": "{link_format}"}}'
        root = write_vault(Path(tmp) / "v", contents, app_json=setting)
        vault = load(root)
        before = resolutions(vault)
        files_before = snapshot(root)
        try:
            plan = plan_move(vault, old, new)
        except MoveRefused:
            assert snapshot(root) == files_before
            return
        except VaultError:
            # only refusals about the paths themselves (NEW taken, same path)
            assert any(key(p) == key(new) for p in paths)
            assert snapshot(root) == files_before
            return
        result = apply_move(plan)
        assert result.ok and result.moved
        after = resolutions(load(root))
        for path, links_before in before.items():
            now = after[new if path == old else path]
            assert len(now) == len(links_before), (path, now, links_before)
            for (raw, was), (raw_now, got) in zip(links_before, now, strict=True):
                if was is None:
                    assert got in (None, new), (path, raw, raw_now, got)
                else:
                    assert got == (new if was == old else was), (path, raw, raw_now, was, got)
