"""The map's first places: a new card lands near what leads to it, on no other card."""

from __future__ import annotations

from game.studio.mapdata import CARD_H, CARD_W, place


def card(node_id: str) -> dict:
    return {"id": node_id, "start": node_id == "a"}


def test_a_new_card_goes_below_its_parent_where_no_card_is():
    story = {"cards": [card(n) for n in ("a", "b", "c", "new")],
             "arrows": [{"source": "a", "target": "b"}, {"source": "a", "target": "new"},
                        {"source": "b", "target": "c"}]}
    # b is right below a, and c right below that: the obvious places are taken
    saved = {"a": (0.0, 0.0), "b": (40.0, 140.0), "c": (0.0, 260.0)}
    places = place(story, saved)
    x, y = places["new"]
    assert y > 0  # below what leads to it
    for other in ("a", "b", "c"):
        ox, oy = places[other]
        assert abs(x - ox) >= CARD_W or abs(y - oy) >= CARD_H, (other, places)
    assert {k: places[k] for k in saved} == saved  # the cards a writer placed stay


def test_many_new_cards_do_not_pile_up():
    ids = ["a"] + [f"n{i}" for i in range(30)]
    story = {"cards": [card(n) for n in ids],
             "arrows": [{"source": "a", "target": n} for n in ids[1:]]}
    places = place(story, {"a": (0.0, 0.0)})
    points = list(places.values())
    for i, (x, y) in enumerate(points):
        for ox, oy in points[i + 1:]:
            assert abs(x - ox) >= CARD_W or abs(y - oy) >= CARD_H
