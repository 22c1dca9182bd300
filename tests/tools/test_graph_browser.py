"""The HTML story map in a real browser (Debian's chromium, driven by Selenium): conditional
lines and inline forms are marked where a writer reads a node."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import FIXTURES
from tests.studio.browser import CHROMEDRIVER, CHROMIUM, chromium


@pytest.fixture
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("the story map's browser test needs Debian's chromium and chromium-driver "
                    "(apt-get install -y chromium chromium-driver)")
    pytest.importorskip("selenium", reason="pip install selenium (make test does)")
    with chromium(1400, 900) as driver:
        yield driver


def test_reading_a_node_shows_its_conditions_and_inline_forms(tmp_path: Path, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = tmp_path / "map.html"
    assert main(["graph", str(FIXTURES / "valid/conditional-text"), "-o", str(page)]) == 0
    browser.get(page.as_uri() + "#warm")
    panel = WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "aside.open"))
    lines = panel.find_elements(By.CSS_SELECTOR, ".line")
    assert len(lines) == 4
    marked = [line for line in lines if "cond" in line.get_attribute("class")]
    assert len(marked) == 3  # the line with an inline form, the two paragraphs with an 'if'
    tags = [t.text for t in panel.find_elements(By.CSS_SELECTOR, ".tag")]
    assert "if thanks >= 2" in tags and "if thanks < 2" in tags and tags.count("debrief") == 3
    forms = [f.text for f in panel.find_elements(By.CSS_SELECTOR, ".form")]
    assert forms == ["{if thanks >= 2: up for me}"]
    boxes = browser.find_elements(By.CSS_SELECTOR, "g.node.varies")
    assert len(boxes) == 3  # door, kitchen and warm read differently by road; cool does not
    boxes[0].click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "aside.open h2").text == "door")
    once = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "aside .tag")]
    assert once == ["once"]


def test_the_page_unpacks_the_map_the_dot_file_has(tmp_path: Path, browser) -> None:
    """The page's data comes in columns; its script makes one object per node and per edge,
    with the same searchable text (conditions marked) as the map the .dot file is made from."""
    from game.story.load import load_story
    from game.tools.graph import story_map

    root = FIXTURES / "valid/conditional-text"
    page = tmp_path / "map.html"
    assert main(["graph", str(root), "-o", str(page)]) == 0
    browser.get(page.as_uri())
    story, _ = load_story(root)
    m = story_map(story)
    nodes = browser.execute_script(
        "return DATA.nodes.map(n => [n.id, n.shape, n.title, n.dynamic, n.text, n.start]);")
    assert nodes == [[n.id, n.shape, n.title, n.dynamic, n.text, n.start] for n in m.nodes]
    assert any("[once] The hall light" in text for _, _, _, _, text, _ in nodes)
    assert any("[debrief, if thanks >= 2] You thanked" in text for _, _, _, _, text, _ in nodes)
    edges = browser.execute_script(
        "return DATA.edges.map(e => [e.s, e.t, e.label, e.kind, e.if, e.route]);")
    assert edges == [[e.source, e.target, e.label, e.kind, e.condition, e.route] for e in m.edges]
    assert len(browser.find_elements("css selector", "g.node")) == len(m.nodes)
    assert len(browser.find_elements("css selector", "path.edge")) == len(m.edges)
