"""The resolver's memo gives the answer a fresh look-up would, whichever note asks first.

Answers are remembered by target alone when the linking note's folder cannot
change them; a tie between files of one name, or a relative path, is decided
by the folder and so is remembered per folder. Asking the same targets from
many folders in any order must give what asking each one afresh gives.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import strategies as gen
from vaultkit.model.resolve import Resolver, folder_of

paths = st.lists(gen.vault_path(), min_size=1, max_size=25, unique=True)
target = st.one_of(
    gen.link_target(),
    st.sampled_from(["Alpha", "alpha ", "x.y", "sub\\Alpha", "./Alpha", "Index.md", ""]),
)
questions = st.lists(st.tuples(target, gen.vault_path()), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(paths, questions, st.data())
def test_memoised_answers_equal_fresh_ones(
    files: list[str], asked: list[tuple[str, str]], data: st.DataObject
) -> None:
    # also ask for the vault's own names from its own folders: that is where ties are
    names = [path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for path in files]
    asked = asked + data.draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(files))))
    resolver = Resolver(files)
    for target_text, source in asked * 2:  # the second round is answered from the memo
        fresh = Resolver(files)._resolve(target_text.strip(), folder_of(source))
        assert resolver.resolve(target_text, source) == fresh, (target_text, source)


def test_a_tie_is_decided_by_each_asking_folder() -> None:
    resolver = Resolver(["a/Note.md", "b/Note.md", "Top.md"])
    assert resolver.resolve("Note", "a/X.md") == ("a/Note.md", ("a/Note.md", "b/Note.md"))
    assert resolver.resolve("Note", "b/X.md") == ("b/Note.md", ("a/Note.md", "b/Note.md"))
    assert resolver.resolve("Top", "a/X.md") == ("Top.md", ())
    assert resolver.resolve("Top", "b/X.md") == ("Top.md", ())
    assert resolver.resolve("../Top", "a/X.md") == ("Top.md", ())
    assert resolver.resolve("../Note", "a/X.md")[0] == "a/Note.md"
