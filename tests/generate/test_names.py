"""Safe file names and wikilinks: what GTD and the kits rely on."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.generate.names import MAX_NAME_BYTES, safe_filename, unique_filename, wikilink

UNSAFE = set(':/\\*?"<>|#^[]`')


def test_guide_titles_get_the_documented_names() -> None:
    assert safe_filename("Q1: Build Internal Influence") == "Q1 - Build Internal Influence"
    assert (
        safe_filename("Senior SRE → Staff/Principal Growth")
        == "Senior SRE → Staff-Principal Growth"
    )
    assert safe_filename("Deep Dive: AI/ML Infrastructure") == "Deep Dive - AI-ML Infrastructure"
    assert safe_filename("Work & Career") == "Work & Career"


def test_names_are_never_empty_hidden_or_reserved() -> None:
    assert safe_filename("") == "Untitled"
    assert safe_filename("???") == "Untitled"
    assert safe_filename("...") == "Untitled"
    assert safe_filename(".obsidian") == "obsidian"
    assert safe_filename("../../etc/passwd") == "-..-etc-passwd"
    assert safe_filename("CON") == "CON (note)"
    assert safe_filename("trailing dot.") == "trailing dot"


def test_long_titles_fit_a_file_name_without_splitting_characters() -> None:
    name = safe_filename("é" * 400)
    assert len((name + " (99).md").encode("utf-8")) <= 255
    assert name == "é" * (MAX_NAME_BYTES // 2)


def test_unique_filename_ignores_case_like_obsidian() -> None:
    taken: set[str] = set()
    assert unique_filename("Plan", taken) == "Plan"
    assert unique_filename("plan", taken) == "plan (2)"
    assert unique_filename("PLAN?", taken) == "PLAN (3)"


def test_wikilink_shows_the_exact_title_when_the_name_differs() -> None:
    assert wikilink("Work & Career") == "[[Work & Career]]"
    assert (
        wikilink("Q1: Build Internal Influence")
        == "[[Q1 - Build Internal Influence|Q1: Build Internal Influence]]"
    )
    assert wikilink("Plan", "Plan (2)") == "[[Plan (2)|Plan]]"
    # a display text cannot hold ]] or | inside a wikilink
    assert wikilink("a [[b]] | c") == "[[a ((b)) - c]]"
    assert wikilink("x|y", "Other") == "[[Other|x-y]]"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_title_gives_a_valid_name(title: str) -> None:
    name = safe_filename(title)
    assert name and not name.startswith(".") and name == name.strip()
    assert not name.endswith(".")
    assert not UNSAFE & set(name)
    assert not any(ord(c) < 32 or ord(c) == 127 for c in name)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + len(" (note)")
    assert unicodedata.is_normalized("NFC", name)
    assert safe_filename(name) == name  # stable: a safe name stays as it is


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=30))
def test_unique_names_never_collide(titles: list[str]) -> None:
    taken: set[str] = set()
    names = [unique_filename(t, taken) for t in titles]
    assert len({n.casefold() for n in names}) == len(names)
