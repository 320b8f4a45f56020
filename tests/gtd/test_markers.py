"""Generated sections: only the text between the markers ever changes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.gtd.markers import begin_marker, end_marker, replace_section, section_body

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="%"), max_size=200)


def test_a_missing_section_goes_under_its_heading() -> None:
    text = "# Area\n\n## Projects\nmy own line\n"
    out = replace_section(text, "projects", "- [[A]]", heading="## Projects")
    assert (
        out
        == f"# Area\n\n## Projects\n{begin_marker('projects')}\n- [[A]]\n{end_marker('projects')}\nmy own line\n"
    )


def test_without_the_heading_the_section_is_appended_with_it() -> None:
    out = replace_section("Intro\n", "impact", "table", heading="## Impact report")
    assert out.startswith("Intro\n\n## Impact report\n%% vaultkit:begin impact %%\ntable\n")


def test_a_second_run_replaces_only_the_body() -> None:
    first = replace_section("before\n", "x", "one")
    edited = first.replace("before", "before (edited)") + "after\n"
    second = replace_section(edited, "x", "two")
    assert section_body(second, "x") == "two"
    assert second.startswith("before (edited)\n") and second.endswith("after\n")


@settings(max_examples=150, deadline=None)
@given(_text, _text, _text, _text)
def test_user_text_around_the_markers_is_kept_byte_for_byte(
    before: str, after: str, old: str, new: str
) -> None:
    note = f"{before}\n{begin_marker('s')}\n{old}\n{end_marker('s')}\n{after}"
    out = replace_section(note, "s", new)
    assert out.startswith(f"{before}\n") and out.endswith(f"\n{after}")
    assert section_body(out, "s") == new.rstrip("\n")
