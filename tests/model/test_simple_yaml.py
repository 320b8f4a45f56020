"""The fast frontmatter reader agrees with libyaml on everything it reads, and declines the rest.

Equality is strict: same types (``True`` is not ``1``, a date is not a
datetime), same values, same key order, and the same key lines that
``_read_special`` would find. Then whole notes and whole vaults must parse to
the same result with the fast reader on and off.
"""

from __future__ import annotations

import contextlib
import datetime
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit import Vault
from vaultkit.model import frontmatter, simple_yaml
from vaultkit.model.vault import LoadOptions, parse_note

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared" / "vaults"


@contextlib.contextmanager
def fast_reader(enabled: bool) -> Iterator[None]:
    before = simple_yaml.ENABLED
    simple_yaml.ENABLED = enabled
    try:
        yield
    finally:
        simple_yaml.ENABLED = before


def same(a: Any, b: Any) -> bool:
    """Equal with equal types all the way down (and in the same key order)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, datetime.datetime):
        return a == b and a.tzinfo == b.tzinfo
    return a == b


def libyaml(raw: str) -> tuple[bool, Any]:
    """What the existing loader makes of ``raw``: ``(loaded, value)``."""
    try:
        return True, yaml.load(raw, Loader=frontmatter._Loader)  # noqa: S506 - a safe loader
    except Exception:  # noqa: BLE001 - any failure means the fast reader must decline
        return False, None


def assert_agrees(raw: str) -> bool:
    """The fast reader declines ``raw`` or reads exactly what libyaml does; True if it read."""
    fast = frontmatter._SIMPLE.read(raw)
    if fast is None:
        return False
    loaded, value = libyaml(raw)
    assert loaded, f"fast reader accepted what libyaml rejects: {raw!r}"
    assert same(fast[0], {} if value is None else value), (raw, fast[0], value)
    assert fast[1] == frontmatter._key_lines(raw.split("\n")), raw
    return True


# -- values from the subset, and values just outside it -------------------------------------

# Every YAML 1.1 implicit type PyYAML knows, in the spellings it accepts and some it does not.
TRICKY_SCALARS = [
    *"y Y n N yes Yes YES No NO on On ON off OFF true True TRUE tRue false FALSE".split(),
    *"null Null NULL nUll ~ 0 00 -0 +0 017 08 0o17 0x1F 0x_1F 0xg 0b101 0b_ 0b2 1_000 _1".split(),
    *"1__0 +1 -1 -1_0 1:30 190:20:30 1:60 1.5 1. .5 -.5 ._ 1.0e+3 1e3 1.0e3 12e03 3.".split(),
    *".inf -.inf +.INF .Inf .NaN .nan .NAN 1,000 6.8523015e+5 685.230_15e+03 -0.0".split(),
    *"2024-01-01 2024-13-45 2024-02-30 2024-1-1 2024-01-01T10:00:00Z 0000-01-01".split(),
    "2024-01-01 10:00:00",
    "2001-12-14 21:59:43.10 -5",
    "2001-12-14t21:59:43.10-05:00",
    "2024-01-01T25:00:00",
    "9999-12-31 23:59:59.999999 +14:00",
    *"= << a b-c a:b a::b a:/ http://x.y/z?q=1 a#b #a [[X]] [[X|y]] ![[a.png]] é 日本".split(),
    "a b  c",
    "done (100%)",
    "it's",
    'say "hi"',
]
DECLINED_SCALARS = [
    '"[[X]]"',
    '"a: b # c"',
    "'it''s'",
    '"a\\nb"',
    '"a"b"',
    "'a' b",
    '""',
    "''",
    "'a'",
    '"a',
    "*a",
    "&a x",
    "!!str 1",
    "!x y",
    "|",
    ">-",
    "{a: 1}",
    "{}",
    "[a, b]",
    "[]",
    "[ ]",
    "[a,]",
    "[,]",
    "[a, [b]]",
    "[a: b]",
    "[a, 'b, c']",
    '["#t", "x"]',
    "[-1, 2]",
    "[a] x",
    "[a",
    "- a",
    "-",
    "-a",
    "@x",
    "`x",
    "%x",
    "x:",
    "x :y",
    "a: b",
    "a #b",
    "a\tb",
    "a\u00a0",
    "\u00a0a",
    "a\u2028b",
    "a\x85b",
    "\ufeffa",
    "a\x7f",
    "a\x00",
    "a\u3000",
    "?x",
    ":x",
    ",x",
    "]x",
]
word = st.text(st.sampled_from("abcXYZ019 -_.:#/'\"é"), min_size=1, max_size=8)
scalar = st.one_of(
    st.sampled_from(TRICKY_SCALARS + DECLINED_SCALARS),
    word,
    st.text(max_size=12).filter(lambda s: "\n" not in s and "\r" not in s),
)
flow_item = st.one_of(st.sampled_from(TRICKY_SCALARS), word, st.just('"q, r"'), st.just("'s'"))
flow_list = st.lists(flow_item, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
KEYS = [
    *"tags aliases cssclasses tag alias cssclass related title created status".split(),
    *"Tags a:b a-b a_b true yes 1 ~ null << .5 2024-01-01 é ...x".split(),
    "date created",
    "a [b]",
    "k ",
    "k #c",
    "-k",
    "?k",
    "'q'",
    '"q"',
    "...",
    "---",
    "%d",
    "\u00a0k",
    "x" * 1100,
]
key = st.one_of(st.sampled_from(KEYS), word)
indent = st.sampled_from(["", " ", "  ", "    "])
line = st.one_of(
    st.builds("{}: {}".format, key, scalar),
    st.builds("{}: {}".format, key, flow_list),
    st.builds("{}:".format, key),
    st.builds("{}:  ".format, key),
    st.builds("{}:{}".format, key, scalar),
    st.builds("{}- {}".format, indent, scalar),
    st.builds("{}-".format, indent),
    st.builds("{}{}: {}".format, indent, key, scalar),
    st.sampled_from(["", "   ", "# note", "---", "...", "\t", "- - a", "? a"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(line, max_size=10), st.booleans())
def test_declines_or_reads_what_libyaml_reads(lines: list[str], newline: bool) -> None:
    assert_agrees("\n".join(lines) + ("\n" if newline else ""))


# One value in every place a value can stand, from the characters YAML cares about.
yaml_text = st.text(
    st.sampled_from(
        [*"abyYnNeE01289_-+.:,#'\"[]{}!&*?|>%@` \\/~=<xXoOtTfFlLuU", "\u00a0", "é", "\u2028"]
    ),
    max_size=10,
)
PLACES = ["k: {}", "k:\n  - {}", "k:\n- {}\n- {}", "k: [{}]", "k: [a, {}]", "k: {} ", "{}: v"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PLACES + ['k: "{}"', "k: '{}'", "{}:\n  - a"]), yaml_text)
def test_each_value_is_declined_or_read_as_libyaml_reads_it(place: str, text: str) -> None:
    assert_agrees(place.replace("{}", text) + "\n")


# A block written only from the subset: the fast reader must read every one.
plain_value = (
    st.one_of(
        st.sampled_from(TRICKY_SCALARS), st.text(st.sampled_from("abcXYZ019 -_./é"), min_size=1)
    )
    .map(lambda s: s.strip(" "))
    .filter(lambda s: s and s[0] not in simple_yaml._INDICATORS and not s.endswith(":"))
)
subset_value = st.one_of(
    plain_value,
    plain_value.filter(lambda s: '"' not in s).map('"{}"'.format),
    st.lists(plain_value.filter(lambda s: not set(s) & set(":#[]{}?'\"")), max_size=4).map(
        lambda xs: "[" + ", ".join(xs) + "]"
    ),
)
subset_key = st.one_of(
    st.sampled_from("tags aliases cssclasses tag alias related title".split()),
    st.text(st.sampled_from("abcxyz_ -"), min_size=1, max_size=8).filter(
        lambda s: s[0] not in " -" and s[-1] != " "
    ),
)


@st.composite
def subset_blocks(draw: st.DrawFn) -> str:
    keys = draw(st.lists(subset_key, min_size=1, max_size=6, unique=True))
    out: list[str] = []
    for k in keys:
        if draw(st.booleans()):
            out.append(f"{k}: {draw(subset_value)}")
        else:
            out.append(f"{k}:")
            pad = draw(indent)
            for item in draw(st.lists(st.one_of(plain_value, st.just("")), max_size=4)):
                out.append(f"{pad}- {item}".rstrip(" "))
        if draw(st.booleans()):
            out.append("")
    return "\n".join(out) + "\n"


@settings(max_examples=200, deadline=None)
@given(subset_blocks())
def test_reads_every_block_written_in_the_subset(raw: str) -> None:
    loaded, _value = libyaml(raw)
    if not loaded:  # e.g. a generated key that YAML reads as a date; not the subset's fault
        return
    assert assert_agrees(raw), f"declined a plain block: {raw!r}"


def parse_both(text: str) -> tuple[frontmatter.Frontmatter, frontmatter.Frontmatter]:
    with fast_reader(True):
        fast = frontmatter.parse(text)
    with fast_reader(False):
        slow = frontmatter.parse(text)
    return fast, slow


def assert_same_frontmatter(fast: frontmatter.Frontmatter, slow: frontmatter.Frontmatter) -> None:
    assert same(fast.properties, slow.properties)
    assert (fast.end_line, fast.end_offset, fast.problems) == (
        slow.end_line,
        slow.end_offset,
        slow.problems,
    )
    assert (fast.tags, fast.aliases, fast.links) == (slow.tags, slow.aliases, slow.links)
    assert [(d.key, d.line, d.reason) for d in fast.deprecated] == [
        (d.key, d.line, d.reason) for d in slow.deprecated
    ]
    assert all(
        same(a.value, b.value) for a, b in zip(fast.deprecated, slow.deprecated, strict=True)
    )


@settings(max_examples=200, deadline=None)
@given(st.one_of(subset_blocks(), st.lists(line, max_size=10).map("\n".join)))
def test_a_note_parses_the_same_with_and_without_the_fast_reader(raw: str) -> None:
    fast, slow = parse_both(f"---\n{raw}\n---\n# Body [[Link]] #tag\n")
    assert_same_frontmatter(fast, slow)


def test_typical_frontmatter_takes_the_fast_path() -> None:
    raw = (
        "tags:\n  - todo\n  - observability/metrics\naliases:\n  - Promo alias\n"
        'created: 2024-04-18\nstatus: someday\nrelated: "[[Retry Map 4057]]"\n'
        "traditions: [arcane, divine]\nlevel: 9\ndone: yes\nempty:\n"
    )
    assert assert_agrees(raw)
    data = frontmatter._SIMPLE.read(raw)[0]
    assert data["created"] == datetime.date(2024, 4, 18)
    assert data["done"] is True and data["empty"] is None
    assert data["traditions"] == ["arcane", "divine"]


@pytest.mark.parametrize(
    "raw",
    [
        "a: 1\na: 2\n",  # duplicate key: an error, reported by libyaml with its line
        "a: 1 # comment\n",
        "a: |+\n  text\n\n",  # keep chomping
        "a: |2\n   text\n",  # an indentation indicator
        "a: >\n  x\n    more indented\n",
        "a: |\n\n  leading blank line\n",
        "a: |\n  trailing space \n",
        "a: x\n  more text\n",  # a plain value folded over two lines
        "a:\n  b: 1\n",  # nested mapping
        "a:\n  - x\n - y\n",  # odd indentation
        "a: &x 1\nb: *x\n",
        "a: {b: 1}\n",
        "a:\t1\n",
        "created: {{date}}\n",
        'a: "tab\\tand escape"\n',
        "a: [x,\n  y]\n",
    ],
)
def test_declines_what_only_libyaml_reads(raw: str) -> None:
    assert frontmatter._SIMPLE.read(raw) is None
    assert_same_frontmatter(*parse_both(f"---\n{raw}---\n"))


def test_errors_keep_their_note_line() -> None:
    fast, slow = parse_both("---\ntitle: ok\nstatus: done\nstatus: again\n---\n")
    assert fast.problems == slow.problems
    assert [(p.kind, p.line) for p in fast.problems] == [("duplicate-key", 4)]


# -- whole vaults -------------------------------------------------------------------------


def load_both(root: Path) -> tuple[Vault, Vault]:
    options = LoadOptions()
    with fast_reader(True):
        fast = Vault.load(root, options, jobs=1)
    with fast_reader(False):
        slow = Vault.load(root, options, jobs=1)
    return fast, slow


def assert_same_vault(fast: Vault, slow: Vault) -> None:
    assert list(fast.notes) == list(slow.notes)
    for path, note in fast.notes.items():
        other = slow.notes[path]
        assert same(note.properties, other.properties), path
        note.properties = other.properties  # compared strictly above; the rest by ==
        assert note == other, path
    assert fast.unresolved == slow.unresolved
    assert fast.tags == slow.tags and fast.aliases == slow.aliases


@pytest.mark.parametrize("name", ["kepano-obsidian", "ttrpg-share"])
def test_real_vaults_load_the_same_with_and_without_the_fast_reader(name: str) -> None:
    root = SHARED / name
    if not root.is_dir():
        pytest.skip(f"{root} is not here (it ships beside the project, not in it)")
    assert_same_vault(*load_both(root))


def test_bench_vault_loads_the_same_with_and_without_the_fast_reader(tmp_path: Path) -> None:
    """The benchmark's generator writes every frontmatter shape it times (and broken YAML)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    if spec is None or spec.loader is None:
        pytest.skip("bench/generate.py is not here")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.generate(tmp_path / "v", notes=300, seed=1)
    fast, slow = load_both(tmp_path / "v")
    assert sum(bool(n.properties) for n in fast.notes.values()) > 200
    assert_same_vault(fast, slow)


def test_parse_note_bytes_the_same_on_crlf_and_bom() -> None:
    data = '\ufeff---\r\ntags:\r\n  - a\r\nrelated: "[[B]]"\r\n---\r\nbody\r\n'.encode()
    with fast_reader(True):
        fast = parse_note("N.md", data)
    with fast_reader(False):
        slow = parse_note("N.md", data)
    assert fast == slow and [t.name for t in fast.tags] == ["a"]


def test_property_links_keep_their_positions_in_every_shape() -> None:
    text = (
        '---\nrelated: "[[A]]"\nup:\n  - "[[B]]"\n  - 3\n  - "![[C.png]]"\n'
        'nested:\n  deep: ["[[D]]", "[[B]]"]\nnote: "see [[E]]"\ncount: 3\n---\n'
    )
    for enabled in (True, False):
        with fast_reader(enabled):
            note = parse_note("N.md", text.encode())
        assert [(x.target, x.property_name, x.line, x.column, x.embed) for x in note.links] == [
            ("A", "related", 2, 11, False),
            ("B", "up", 4, 6, False),
            ("C.png", "up", 6, 6, True),
            ("D", "nested", 8, 11, False),
            ("B", "nested", 8, 20, False),
        ]


# -- block scalars (| and >) ------------------------------------------------------------

block_text = st.text(st.sampled_from("ab -:#'\"[]>|é"), min_size=0, max_size=8)
# Mostly lines the fast reader takes (one indentation, no trailing space),
# some it must decline.
block_line = st.one_of(
    st.just(""),
    block_text.map(lambda t: "  " + t.strip(" ")).filter(lambda line: line != "  "),
    block_text.map(lambda t: "  x" + t.rstrip(" ")),
    st.tuples(st.sampled_from([" ", "  ", "   ", "    "]), block_text).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["|", ">", "|-", ">-", "|+", ">+", "|2", ">1", "| ", "|-2"]),
    st.lists(block_line, max_size=6),
    st.sampled_from(["", "\n", "\nb: 1\n", "\n\nb: 1", "\n- x\n"]),
)
def test_block_scalars_are_declined_or_read_as_libyaml_reads_them(
    header: str, lines: list[str], after: str
) -> None:
    assert_agrees(f"a: {header}\n" + "\n".join(lines) + after)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("a: |\n  one\n  two\n", "one\ntwo\n"),
        ("a: >\n  one\n  two\n\n  three\nb: 1\n", "one two\nthree\n"),
        (
            "a: >-\n  Summon a legion: dragons #fire\n  descend.\n",
            "Summon a legion: dragons #fire descend.",
        ),
        ("a: |-\n  x\n\n\n  y\n\n", "x\n\n\ny"),
    ],
)
def test_typical_block_scalars_take_the_fast_path(raw: str, value: str) -> None:
    assert assert_agrees(raw)
    assert frontmatter._SIMPLE.read(raw)[0]["a"] == value
