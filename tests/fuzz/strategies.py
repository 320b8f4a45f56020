"""Hypothesis strategies for Obsidian-flavoured Markdown notes and vault paths.

A note is frontmatter (valid, broken or absent) and a list of blocks:
headings, paragraphs, task and numbered lists, tables, callouts, fenced and
indented code, ``%% %%`` and ``<!-- -->`` comments, with inline text made of
every link and tag form, code spans, escapes, block ids and random Unicode.

Every link written carries a unique marker (``L17``) in its target, so a
test can tell from markdown-it-py's token stream which links sat in code.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import settings
from hypothesis import strategies as st

# Markers are numbered per note when the note is finished (see ``_number``):
# a process-wide counter would give a replayed example other text, which
# Hypothesis reports as a flaky strategy.
_PLACEHOLDER = "\ue000"


def scaled(fraction: float, floor: int = 10) -> int:
    """A share of the active profile's ``max_examples`` for costly properties."""
    return max(floor, int((settings.default.max_examples or 100) * fraction))


def _marker() -> str:
    return f"L{_PLACEHOLDER}"


def _number(text: str) -> str:
    """Give every marker in ``text`` its own number: L0, L1, ..."""
    count = itertools.count()
    return re.sub(_PLACEHOLDER, lambda _: str(next(count)), text)


words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\0\t"),
    max_size=12,
)
plain_word = st.sampled_from(
    ["note", "Café", "cafe\u0301", "🦊", "x", "a_b", "über", "日本", "-", "*", "_", "  "]
)
name = st.sampled_from(
    ["Alpha", "beta", "Café", "Cafe\u0301", "sub/Gamma", "../Up", "🦊 Fox", "a b"]
)
heading_text = st.sampled_from(["Part", "Sub part", "Ünï", "#", "a:b", "x [y]"])


@st.composite
def wikilink(draw: st.DrawFn) -> str:
    target = f"{draw(name)} {_marker()}"
    tail = draw(
        st.sampled_from(["", "#{h}", "#{h}#{h}", "#^blk-1", "|shown", "#{h}|shown", "\\|cell"])
    ).format(h=draw(heading_text))
    embed = draw(st.sampled_from(["", "!"]))
    ext = draw(st.sampled_from(["", "", ".md", ".png", ".canvas", ".pdf#page=3"]))
    return f"{embed}[[{target}{ext}{tail}]]"


@st.composite
def markdown_link(draw: st.DrawFn) -> str:
    marker = _marker()
    dest = draw(
        st.sampled_from(
            [
                "{n}.md",
                "{n}%20x.md",
                "<{n} y.md>",
                "sub/{n}.md#Part",
                "{n}.md 'title'",
                "https://e.com/{n}",
                "#{n}",
            ]
        )
    ).format(n=marker)
    embed = draw(st.sampled_from(["", "!"]))
    return f"{embed}[{draw(words).replace(']', '')}]({dest})"


tag = st.sampled_from(["#tag", "#a/b", "#1984", "#Ünï", "#x-y_z", "#🦊", "foo#bar", "#", "##"])
inline_piece = st.one_of(
    words,
    plain_word,
    wikilink(),
    markdown_link(),
    tag,
    st.builds(lambda link: f"`{link}`", wikilink()),
    st.builds(lambda link: f"``a ` {link}``", wikilink()),
    st.builds(lambda link: f"\\{link}", wikilink()),
    st.sampled_from(["^blk-1", " ^id", "**bold**", "_i_", "<span>", "%", "`", "~~", "[", "]", "!"]),
)


@st.composite
def inline(draw: st.DrawFn) -> str:
    # runs of 4+ spaces (and tabs) are left to the "indented" block: inside a line they
    # can only matter after a list marker ("-     x" is code in CommonMark,
    # text to vaultkit; see docs/reliability.md)
    return _SPACE_RUN.sub("   ", " ".join(draw(st.lists(inline_piece, max_size=8))))


_SPACE_RUN = re.compile(r"[ \t]{4,}")


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            [
                "para",
                "heading",
                "setext",
                "list",
                "task",
                "ordered",
                "table",
                "callout",
                "fence",
                "tilde",
                "fence-in-list",
                "fence-in-callout",
                "unclosed-fence",
                "indented",
                "pct-comment",
                "html-comment",
                "quote",
            ]
        )
    )
    # "-     x" (five spaces after a list marker) is an indented code block
    # inside the item in CommonMark, and an empty item followed by a blank line
    # ends its list; vaultkit reads both as list text (rare in notes, listed in
    # docs/reliability.md), so block text starts with a non-space
    text = draw(inline()).lstrip() or "text"
    more = draw(inline()).lstrip() or "more"
    return {
        "para": f"{text}\n{more}",
        "heading": f"{'#' * draw(st.integers(1, 7))} {text}",
        "setext": f"{text or 'Title'}\n{draw(st.sampled_from(['===', '---']))}",
        "list": f"- {text}\n  - {more}",
        "task": f"- [ ] {text}\n- [x] {more}",
        "ordered": f"1. {text}\n2) {more}",
        "table": f"| a | b |\n| --- | --- |\n| {text} | {more} |",
        "callout": f"> [!note] {text}\n> {more}",
        "fence": f"```{draw(st.sampled_from(['', 'py', 'dataview']))}\n{text}\n{more}\n```",
        "tilde": f"~~~~\n{text}\n```\n{more}\n~~~~",
        "fence-in-list": f"- item\n  ```\n  {text}\n  ```",
        "fence-in-callout": f"> [!tip]\n> ```\n> {text}\n> ```",
        "unclosed-fence": f"```\n{text}",
        "indented": f"    {text}\n\t{more}",
        "pct-comment": f"%% {text}\n{more} %%",
        "html-comment": f"<!-- {text} -->",
        "quote": f"> {text}\n>\n> > {more}",
    }[kind]


@st.composite
def frontmatter(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["none", "none", "valid", "broken", "empty", "unterminated"]))
    if kind == "none":
        return ""
    if kind == "empty":
        return "---\n---\n"
    if kind == "unterminated":
        return "---\ntitle: x\n"
    if kind == "broken":
        body = draw(
            st.sampled_from(
                [
                    "tags: [a",
                    "a: 1\na: 2",
                    "- list",
                    "\tx: 1",
                    "x: *nope",
                    "k: !!python/name:os.system",
                ]
            )
        )
        return f"---\n{body}\n---\n"
    tags = draw(st.lists(st.sampled_from(["a", "#b", "c/d", "Ünï", "1984", ""]), max_size=4))
    link = draw(wikilink())
    return (
        "---\n"
        f"tags: [{', '.join(tags)}]\n"
        f"aliases: [{draw(st.sampled_from(['One', 'Two words', '']))}]\n"
        f'related: "{link}"\n'
        f"tag: old\n"
        "---\n"
    )


@st.composite
def note_text(draw: st.DrawFn, separators: tuple[str, ...] = ("\n\n", "\n")) -> str:
    """A whole note as text with ``\\n`` line ends.

    Blocks are separated by a blank line or (when ``"\\n"`` is allowed) butt
    against each other, which is where Markdown parsers disagree most.
    """
    blocks = draw(st.lists(block(), max_size=8))
    sep = draw(st.sampled_from(separators))
    return _number(draw(frontmatter()) + sep.join(blocks) + draw(st.sampled_from(["", "\n"])))


@st.composite
def note_bytes(draw: st.DrawFn) -> bytes:
    """A note as it may sit on disk: any line ending, BOM, encoding, or plain noise."""
    kind = draw(st.sampled_from(["utf8", "utf8", "crlf", "cr", "bom", "utf16", "noise", "splice"]))
    if kind == "noise":
        return draw(st.binary(max_size=400))
    text = draw(note_text())
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode()
    if kind == "cr":
        return text.replace("\n", "\r").encode()
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if kind == "utf16":
        return text.encode("utf-16")
    if kind == "splice":  # random bytes dropped into a real note
        data = bytearray(text.encode())
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=8))
        return bytes(data)
    return text.encode()


segment = st.sampled_from(
    ["Notes", "notes", "Café", "Cafe\u0301", "sub", "Sub", "🦊", "a b", "x", "X", "Projects"]
)
file_name = st.sampled_from(
    ["Alpha", "alpha", "ALPHA", "Café", "Cafe\u0301", "Gamma", "🦊 Fox", "a b", "x.y", "Index"]
)
extension = st.sampled_from([".md", ".md", ".md", ".MD", ".png", ".canvas", ".pdf"])


@st.composite
def vault_path(draw: st.DrawFn) -> str:
    folders = draw(st.lists(segment, max_size=3))
    return "/".join([*folders, draw(file_name) + draw(extension)])


@st.composite
def link_target(draw: st.DrawFn) -> str:
    return draw(
        st.one_of(
            file_name,
            st.builds(lambda n, e: n + e, file_name, extension),
            st.builds(lambda s, n: f"{s}/{n}", segment, file_name),
            st.builds(lambda n: f"../{n}", file_name),
            st.builds(lambda n: f"/{n}", file_name),
            st.builds(lambda n: n.upper(), file_name),
            words,
        )
    )
