"""A small deterministic force-directed layout in pure Python.

Why not ``networkx.spring_layout``: every networkx layout beyond trivial ones
needs numpy (and scipy for large graphs), which vaultkit does not depend on.
This is Fruchterman-Reingold with a grid for repulsion (only nearby nodes
push each other), so one iteration costs about O(nodes + edges); the report
bounds the input to a few hundred nodes anyway.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable

Position = tuple[float, float]


def force_layout(
    nodes: Iterable[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    iterations: int = 80,
    seed: int = 7,
) -> dict[Hashable, Position]:
    """Positions in the unit square ``[0, 1] x [0, 1]``, the same for the same input."""
    order = list(dict.fromkeys(nodes))
    if not order:
        return {}
    if len(order) == 1:
        return {order[0]: (0.5, 0.5)}
    index = {n: i for i, n in enumerate(order)}
    pairs = {
        (min(index[u], index[v]), max(index[u], index[v]))
        for u, v in edges
        if u in index and v in index and u != v
    }
    xs, ys = _initial(len(order), seed)
    k = math.sqrt(1.0 / len(order))
    for step in range(iterations):
        temperature = 0.1 * (1.0 - step / iterations) + 0.002
        dx, dy = _repulsion(xs, ys, k)
        _attraction(xs, ys, pairs, k, dx, dy)
        _move(xs, ys, dx, dy, temperature)
    return dict(zip(order, _normalise(xs, ys, len(order)), strict=True))


def _initial(count: int, seed: int) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    return [rng.random() for _ in range(count)], [rng.random() for _ in range(count)]


def _repulsion(xs: list[float], ys: list[float], k: float) -> tuple[list[float], list[float]]:
    """Every node pushed away from the nodes within ``2k`` (found through a grid)."""
    cell = 2.0 * k
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        grid[(int(x // cell), int(y // cell))].append(i)
    dx = [0.0] * len(xs)
    dy = [0.0] * len(xs)
    k2 = k * k
    for (cx, cy), members in grid.items():
        near = [
            j for ox in (-1, 0, 1) for oy in (-1, 0, 1) for j in grid.get((cx + ox, cy + oy), ())
        ]
        for i in members:
            xi, yi = xs[i], ys[i]
            for j in near:
                if j == i:
                    continue
                ddx, ddy = xi - xs[j], yi - ys[j]
                dist2 = ddx * ddx + ddy * ddy
                if dist2 < 1e-12:  # two nodes on one spot: nudge apart by index
                    ddx, ddy, dist2 = (1e-3 if i < j else -1e-3), 0.0, 1e-6
                if dist2 < cell * cell:
                    force = k2 / dist2
                    dx[i] += ddx * force
                    dy[i] += ddy * force
    return dx, dy


def _attraction(
    xs: list[float],
    ys: list[float],
    pairs: set[tuple[int, int]],
    k: float,
    dx: list[float],
    dy: list[float],
) -> None:
    for i, j in pairs:
        ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
        dist = math.hypot(ddx, ddy)
        force = dist / k  # |F| = d^2 / k, along the unit vector (ddx, ddy) / d
        dx[i] -= ddx * force
        dy[i] -= ddy * force
        dx[j] += ddx * force
        dy[j] += ddy * force


def _move(
    xs: list[float], ys: list[float], dx: list[float], dy: list[float], temperature: float
) -> None:
    """Step each node at most ``temperature``; a pull to the centre keeps islands in view."""
    for i in range(len(xs)):
        fx = dx[i] + (0.5 - xs[i]) * 0.5
        fy = dy[i] + (0.5 - ys[i]) * 0.5
        length = math.hypot(fx, fy)
        if length > 0:
            step = min(length, temperature) / length
            xs[i] = min(1.0, max(0.0, xs[i] + fx * step))
            ys[i] = min(1.0, max(0.0, ys[i] + fy * step))


def _normalise(xs: list[float], ys: list[float], count: int) -> list[Position]:
    """Centre the drawing in the unit square, keeping its aspect ratio.

    Big graphs fill the square; a handful of nodes stays small in the middle
    rather than being flung to its corners.
    """
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    fill = min(1.0, 0.25 + count / 40)
    span = max(max_x - min_x, max_y - min_y, 1e-9) / fill
    off_x = (1.0 - (max_x - min_x) / span) / 2
    off_y = (1.0 - (max_y - min_y) / span) / 2
    return [
        (off_x + (x - min_x) / span, off_y + (y - min_y) / span)
        for x, y in zip(xs, ys, strict=True)
    ]
