"""The flowchart: layered top to bottom, the path and seen nodes marked; pans and zooms."""

from __future__ import annotations

import pygame
import pytest

from game.app import flowgraph
from game.app.states.flowchart import LABEL_ZOOM, FlowchartScreen
from game.story.load import load_story
from tests.app.looping import choose, play_to_ending, press, wheel, window
from tests.conftest import STORIES


def test_layers_go_down_in_story_order():
    story, _ = load_story(STORIES / "sample")
    g = flowgraph.build(story, seen={"keys"}, path=["keys", "couch", "check"], current="check")
    assert g.nodes["keys"].y < g.nodes["couch"].y < g.nodes["check"].y
    assert g.nodes["couch"].on_path and g.nodes["couch"].seen
    assert not g.nodes["haven"].seen and g.nodes["haven"].kind == "ending"
    assert ("keys", "couch") in g.path_edges
    assert g.nodes["haven"].colour == flowgraph.dynamic_colour(story, "safe-haven")
    assert len({flowgraph.dynamic_colour(story, d) for d in story.dynamics}) == len(story.dynamics)


def test_a_big_story_lays_out(tmp_path):
    story, _ = load_story(STORIES / "low-tide")
    g = flowgraph.build(story)
    assert len(g.nodes) == len(story.nodes)
    assert g.height > g.width  # readable layers, top to bottom


@pytest.mark.usefixtures("fresh_pygame")
def test_opens_from_the_ending_pans_zooms_and_selects(tmp_path):
    app = window(tmp_path)
    play_to_ending(app)
    assert app.top.name == "ending"
    press(app, pygame.K_DOWN, n=1)  # into the menu: "Back to the title"
    press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN)
    chart = app.top
    assert isinstance(chart, FlowchartScreen)
    assert chart.graph.nodes[chart.current].kind == "ending"
    x0, y0 = chart.tx, chart.ty
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_DOWN)
    assert chart.tx > x0 and chart.ty > y0
    z = chart.target_zoom
    press(app, pygame.K_MINUS)
    wheel(app, -2)
    assert chart.target_zoom < z
    press(app, pygame.K_PLUS)
    press(app, pygame.K_0)
    # drag with the mouse
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(600, 400), button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(700, 450), rel=(100, 50),
                                         buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(700, 450), button=1))
    for _ in range(20):
        app.frame()
    press(app, pygame.K_TAB)
    assert chart.selected is not None and chart.graph.nodes[chart.selected].seen
    # a click on a node selects it
    chart.target_zoom = 1.0
    chart.centre_on("keys")
    for _ in range(60):
        app.frame()
    pos = chart.to_screen(chart.graph.nodes["keys"].x, chart.graph.nodes["keys"].y)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    for _ in range(3):
        app.frame()
    assert chart.selected == "keys"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "ending"


@pytest.mark.usefixtures("fresh_pygame")
def test_opens_from_the_pause_menu_and_draws_a_big_story_zoomed_out(tmp_path):
    app = window(tmp_path, "low-tide")
    choose(app, 1)
    press(app, pygame.K_ESCAPE)
    for _ in range(4):
        press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN)
    chart = app.top
    assert chart.name == "flowchart"
    press(app, pygame.K_0, n=30)
    assert chart.zoom < LABEL_ZOOM  # level of detail: no labels when this far out
    for _ in range(10):
        press(app, pygame.K_EQUALS, n=2)
    for _ in range(60):
        app.frame()
    assert chart.zoom >= LABEL_ZOOM


def test_every_ending_has_its_own_hint():
    from game.app.endinghints import hints

    for story_dir in sorted(p for p in STORIES.iterdir() if (p / "story.json").exists()):
        story, _ = load_story(story_dir)
        found = hints(story)
        assert set(found) == {n.id for n in story.endings()}
        assert len(set(found.values())) == len(found), f"{story.id}: two endings share a hint"
        for node in story.endings():
            assert node.ending.title not in found[node.id]
            assert story.partner is None or story.partner.name not in found[node.id]


@pytest.mark.usefixtures("fresh_pygame")
def test_unseen_places_keep_their_names_and_the_card_never_covers_the_map(tmp_path):
    app = window(tmp_path, "low-tide")
    choose(app, 1)
    press(app, pygame.K_ESCAPE)
    for _ in range(4):
        press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN, n=20)  # The paths so far
    chart = app.top
    assert isinstance(chart, FlowchartScreen)
    press(app, pygame.K_0, n=40)  # the whole story
    assert chart.selected is not None
    # the card sits at the left, the whole map to its right
    xs = [chart.to_screen(n.x, n.y)[0] for n in chart.graph.nodes.values()]
    assert min(xs) > 40 + 400
    # an unseen ending, selected: a hint, never its id or title
    unseen = next(n for n in chart.graph.nodes.values() if n.kind == "ending" and not n.seen)
    chart.selected = unseen.id
    chart.target_zoom = 1.2
    chart.centre_on(unseen.id)
    drawn: list[str] = []
    text = app.services.text
    plain_line, plain_block = text.line, text.block
    text.line = lambda t, *a, **k: (drawn.append(t), plain_line(t, *a, **k))[1]
    text.block = lambda t, *a, **k: (drawn.append(t), plain_block(t, *a, **k))[1]
    app.frame()
    unseen_ids = {n.id for n in chart.graph.nodes.values() if not n.seen}
    assert not unseen_ids & set(drawn), "an unseen place's id is on screen"
    assert "An ending not found yet" in drawn
    ending = chart.story.nodes[unseen.id].ending
    shown = chart.hints[unseen.id]
    assert shown in drawn and ending.title not in shown
