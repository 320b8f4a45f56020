"""Link resolution is deterministic and does not depend on the order files are listed in.

A disk lists files in whatever order it likes (and Obsidian users sync
vaults between disks), so the file a link opens must be a function of the
set of paths alone. Each example builds the index from the same paths in
several orders and asks the same questions.
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import strategies as gen
from vaultkit.model.resolve import Resolver, key

paths = st.lists(gen.vault_path(), min_size=1, max_size=25, unique=True)
questions = st.lists(st.tuples(gen.link_target(), gen.vault_path()), min_size=1, max_size=12)


@given(paths, questions, st.randoms(use_true_random=False))
def test_resolution_ignores_listing_order(
    files: list[str], asked: list[tuple[str, str]], rng: random.Random
) -> None:
    shuffled = list(files)
    rng.shuffle(shuffled)
    resolvers = [Resolver(files), Resolver(shuffled), Resolver(reversed(files))]
    for target, source in asked:
        answers = {r.resolve(target, source) for r in resolvers}
        assert len(answers) == 1, (target, source, answers)
        found, candidates = answers.pop()
        assert found is None or found in files
        assert set(candidates) <= set(files)
        assert list(candidates) == sorted(candidates)
        if candidates:
            assert found in candidates
        # asking again (memoised) gives the same answer
        assert resolvers[0].resolve(target, source) == (found, candidates)


@given(paths)
def test_every_note_is_found_by_its_own_path(files: list[str]) -> None:
    resolver = Resolver(files)
    by_key: dict[str, list[str]] = {}
    for path in files:
        by_key.setdefault(key(path), []).append(path)
    for path in files:
        found, _ = resolver.resolve(path, "")
        # a path that differs from another only in case or Unicode form is one name
        # to Obsidian: either spelling may answer, but always one of them
        assert found in by_key[key(path)]
        if len(by_key[key(path)]) == 1:
            assert found == path
