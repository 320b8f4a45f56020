"""The pure-Python force layout: deterministic, inside the square, linked notes drawn close."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx

from vaultkit.report.layout import force_layout


def test_same_input_same_picture():
    graph = nx.gnm_random_graph(60, 90, seed=3)
    assert force_layout(graph.nodes, graph.edges) == force_layout(graph.nodes, graph.edges)


def test_positions_inside_unit_square():
    graph = nx.gnm_random_graph(200, 400, seed=1)
    positions = force_layout(graph.nodes, graph.edges)
    assert set(positions) == set(graph)
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in positions.values())


def test_linked_nodes_end_up_closer_than_strangers():
    # Two dense clusters joined by one edge: the layout should keep each together.
    graph = nx.disjoint_union(nx.complete_graph(15), nx.complete_graph(15))
    graph.add_edge(0, 15)
    pos = force_layout(graph.nodes, graph.edges)

    def dist(a: int, b: int) -> float:
        return math.dist(pos[a], pos[b])

    linked = sum(dist(a, b) for a, b in graph.edges) / graph.number_of_edges()
    rng = random.Random(0)
    strangers = [
        (a, b) for a, b in ((rng.randrange(15), rng.randrange(15, 30)) for _ in range(200))
    ]
    apart = sum(dist(a, b) for a, b in strangers) / len(strangers)
    assert linked < apart / 2


def test_no_two_nodes_share_a_spot():
    graph = nx.empty_graph(50)  # no edges: only repulsion and the pull to the centre
    pos = force_layout(graph.nodes, [])
    assert all(math.dist(a, b) > 1e-3 for a, b in itertools.combinations(pos.values(), 2))


def test_tiny_inputs():
    assert force_layout([], []) == {}
    assert force_layout(["a"], []) == {"a": (0.5, 0.5)}
    two = force_layout(["a", "b"], [("a", "b"), ("a", "zzz-not-a-node")])
    assert set(two) == {"a", "b"} and two["a"] != two["b"]
