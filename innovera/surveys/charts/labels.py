"""Placing the cross diagram's point labels: beside their marker, clear of each other.

A greedy placement over candidate boxes around each marker, tried in a few orders and repaired,
cheapest layout wins; deterministic. Used by :func:`innovera.surveys.charts.cross.cross_diagram`,
which falls back to numbered markers when no clean layout exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from innovera.core.charts import svg


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 1.0) -> bool:
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.top < other.bottom + gap
            and other.top < self.bottom + gap
        )


Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placement:
    anchor: str
    text_x: float
    centre: float
    box: Box
    leader: Segment | None
    tier: int
    """0: clear of everything; 1: close to another marker; 2: crossing leaders; 3: overlapping."""


def _segment_hits_box(segment: Segment, box: Box) -> bool:
    """Whether a line segment passes through a box (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x1 - box.left),
        (dx, box.right - x1),
        (-dy, y1 - box.top),
        (dy, box.bottom - y1),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _label_candidates(
    x: float,
    y: float,
    size: tuple[float, float],
    bounds: Box,
    dividers: tuple[float, float] | None = None,
) -> list[tuple[float, str, Box]]:
    """Label boxes around a marker with their cost (how far they moved), cheapest first.

    Right of the marker, left of it (both nudged up or down in 2 px steps), above and below it
    (moving away from it); on equal cost right comes before left before above and below. With
    ``dividers`` (the quadrant lines' x and y), a label whose centre lies on the other side of
    a line than its marker costs 30 more, so labels stay in their point's quadrant if they can.
    """
    width, height = size
    candidates: list[tuple[float, int, str, Box]] = []
    for order, (side, penalty) in enumerate(
        (("start", 0.0), ("end", 2.0), ("above", 4.0), ("below", 4.0))
    ):
        if side == "start":
            left = x + 9
        elif side == "end":
            left = x - 9 - width
        else:
            left = svg.clamp(x - width / 2, bounds.left, bounds.right - width)
        if left < bounds.left or left + width > bounds.right:
            continue
        for step in range(0, int(bounds.bottom - bounds.top), 2):
            if side == "above":
                centres: tuple[float, ...] = (y - 8 - height / 2 - step,)
            elif side == "below":
                centres = (y + 8 + height / 2 + step,)
            else:
                centres = (y + step, y - step) if step else (y,)
            for centre in centres:
                box = Box(left, centre - height / 2, left + width, centre + height / 2)
                if bounds.top <= box.top and box.bottom <= bounds.bottom:
                    cost = step + penalty
                    if dividers is not None:
                        mid_x, mid_y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
                        line_x, line_y = dividers
                        if (mid_x < line_x) != (x < line_x) or (mid_y < line_y) != (y < line_y):
                            cost += 30
                    candidates.append((cost, order, side, box))
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
    return [(cost, side, box) for cost, _, side, box in candidates]


def _leader(x: float, y: float, side: str, box: Box) -> Segment | None:
    """The line from a marker to its label, or ``None`` when the label sits right beside it."""
    centre = (box.top + box.bottom) / 2
    if side in {"start", "end"}:
        if abs(centre - y) <= 5:
            return None
        return (
            x,
            y,
            box.left if side == "start" else box.right,
            svg.clamp(y, box.top + 3, box.bottom - 3),
        )
    gap = box.top - y if side == "below" else y - box.bottom
    if gap <= 9:
        return None
    return (
        x,
        y,
        svg.clamp(x, box.left + 3, box.right - 3),
        box.top if side == "below" else box.bottom,
    )


def _greedy_layout(
    order: Sequence[int],
    markers: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    candidates: Sequence[Sequence[tuple[float, str, Box]]],
    fixed: Sequence[Box],
) -> tuple[float, list[Placement]]:
    """Labels placed one by one in ``order``; returns the total cost and the placements.

    Each label takes its cheapest candidate that overlaps no ``fixed`` box, no label placed
    before it, no leader line, and keeps 9 px from other markers (so it is not read as theirs);
    its own leader line, if any, may not cross another label or marker. Where nothing meets all
    that (a dense cluster), first the 9 px rule is dropped (cost +200), then the leader-line
    rules (+400); where even that fails, the label goes right of its marker, overlapping
    (cost +1000).
    """
    placements: dict[int, Placement] = {}
    boxes: list[Box] = []
    leaders: list[Segment] = []
    total = 0.0
    for index in order:
        x, y = markers[index]
        near = [
            Box(mx - 9, my - 9, mx + 9, my + 9) for j, (mx, my) in enumerate(markers) if j != index
        ]
        others = [
            Box(mx - 5, my - 5, mx + 5, my + 5) for j, (mx, my) in enumerate(markers) if j != index
        ]
        # A leader starts on its marker: markers touching that one cannot be avoided by it.
        apart = [box for box in others if not box.overlaps(Box(x - 5, y - 5, x + 5, y + 5), 0)]
        chosen: tuple[float, str, Box, Segment | None] | None = None
        chosen_tier = 3
        for tier, markers_kept_clear, leaders_clear in (
            (0, True, True),
            (1, False, True),
            (2, False, False),
        ):
            for cost, side, box in candidates[index]:
                if any(
                    box.overlaps(other)
                    for other in (*fixed, *boxes, *(near if markers_kept_clear else others))
                ):
                    continue
                leader = _leader(x, y, side, box)
                if leaders_clear and (
                    any(_segment_hits_box(segment, box) for segment in leaders)
                    or (
                        leader is not None
                        and any(
                            _segment_hits_box(leader, other) for other in (*fixed, *boxes, *apart)
                        )
                    )
                ):
                    continue
                chosen = (cost + 200 * tier, side, box, leader)
                chosen_tier = tier
                break
            if chosen is not None:
                break
        if chosen is None:
            width, height = sizes[index]
            chosen = (
                1000.0,
                "start",
                Box(x + 9, y - height / 2, x + 9 + width, y + height / 2),
                None,
            )
        cost, side, box, leader = chosen
        total += cost
        boxes.append(box)
        if leader is not None:
            leaders.append(leader)
        anchor, text_x = {
            "start": ("start", box.left + 2),
            "end": ("end", box.right - 2),
        }.get(side, ("middle", (box.left + box.right) / 2))
        placements[index] = Placement(
            anchor, text_x, (box.top + box.bottom) / 2, box, leader, chosen_tier
        )
    return total, [placements[index] for index in range(len(markers))]


def layout_labels(
    markers: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    fixed: Sequence[Box],
    bounds: Box,
    dividers: tuple[float, float] | None = None,
) -> list[Placement]:
    """One label per marker, greedily (see :func:`_greedy_layout`), deterministic.

    The greedy result depends on which label chooses first, so a few orders are tried (top
    first, bottom first, left first, right first, most crowded first), each repaired up to
    twice by moving the labels that ended up crossing or overlapping to the front, and the
    cheapest layout wins; the first tried wins ties.
    """
    indices = range(len(markers))
    candidates = [
        _label_candidates(x, y, sizes[i], bounds, dividers) for i, (x, y) in enumerate(markers)
    ]

    def crowding(i: int) -> int:
        x, y = markers[i]
        return sum(1 for mx, my in markers if abs(mx - x) < 80 and abs(my - y) < 40)

    orders = [
        sorted(indices, key=lambda i: (markers[i][1], markers[i][0])),
        sorted(indices, key=lambda i: (-markers[i][1], markers[i][0])),
        sorted(indices, key=lambda i: (markers[i][0], markers[i][1])),
        sorted(indices, key=lambda i: (-markers[i][0], markers[i][1])),
        sorted(indices, key=lambda i: (-crowding(i), markers[i][1], markers[i][0])),
    ]
    layouts = []
    for order in orders:
        for _ in range(3):
            cost, placements = _greedy_layout(order, markers, sizes, candidates, fixed)
            layouts.append((cost, placements))
            troubled = [i for i in order if placements[i].tier >= 2]
            if not troubled:
                break
            order = troubled + [i for i in order if i not in troubled]
    return min(layouts, key=lambda layout: layout[0])[1]
