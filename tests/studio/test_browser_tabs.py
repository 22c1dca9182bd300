"""Two tabs on one studio, in a real browser: each sees what the other writes, typing in a field
another tab changed a moment before keeps both texts, and the Save button and the warning
before leaving follow what the server holds, not the tab's own memory."""

from __future__ import annotations

import json
from pathlib import Path

from tests.studio.browser import chromium, need_browser, studio, wait_for
from tests.studio.test_browser import click_card, field, field_text

# A tab whose news can be held back: what a tab hears late, as when two people type at once.
HOLD_NEWS = """
window.__holding = false; window.__held = [];
const realFetch = window.fetch.bind(window);
window.fetch = async (...args) => {
  const answer = await realFetch(...args);
  if (String(args[0]).includes('/api/events')) {
    while (window.__holding) await new Promise((go) => window.__held.push(go));
  }
  return answer;
};
"""
RELEASE = "window.__holding = false; window.__held.splice(0).forEach((go) => go());"
ON_SERVER = """
const x = new XMLHttpRequest();
x.open('GET', '/api/node/couch', false);
x.setRequestHeader('X-Studio-Token', new URLSearchParams(location.search).get('token'));
x.send();
return JSON.parse(x.responseText).value.lines[0].text;
"""


def type_at_end(driver, label: str, text: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    field(driver, label).click()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.END).key_up(Keys.CONTROL) \
        .send_keys(text).perform()


def test_two_tabs_see_each_other_and_lose_nothing(sample: Path):
    need_browser()
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    original = json.loads((sample / "story.json").read_text())["nodes"]["couch"]["lines"][0]["text"]
    with studio(sample) as url, chromium() as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOLD_NEWS})
        driver.get(url)
        tab_a = driver.current_window_handle
        wait_for(driver, "window.studio && window.studio.ready")
        click_card(driver, "couch")
        driver.switch_to.new_window("window")
        tab_b = driver.current_window_handle
        driver.get(url)
        wait_for(driver, "window.studio && window.studio.ready")
        click_card(driver, "couch")

        # B writes; A sees it, and A's Save button knows there is something to save
        type_at_end(driver, "line 1", " B1")
        wait_for(driver, "document.getElementById('save').textContent === 'Save 1 file'")
        driver.switch_to.window(tab_a)
        wait_for(driver, "document.querySelector(\".cm-content[aria-label='line 1']\")"
                         ".textContent.endsWith(' B1')")
        assert field_text(driver, "line 1") == original + " B1"
        wait_for(driver, "document.getElementById('save').textContent === 'Save 1 file'")
        assert driver.execute_script("return window.studio.state.status.dirty") is True

        # A stops hearing news for a moment; B writes again, and A types in the same line from
        # its older view: the server refuses A's edit, A catches up and sends both texts
        driver.execute_script("window.__holding = true")
        driver.switch_to.window(tab_b)
        type_at_end(driver, "line 1", " B2")
        wait_for(driver, f"(() => {{ {ON_SERVER} }})().endsWith(' B2')")
        driver.switch_to.window(tab_a)
        assert field_text(driver, "line 1") == original + " B1"  # A has not heard of B2
        type_at_end(driver, "line 1", " A1")
        wait_for(driver, "document.getElementById('toast').textContent"
                         ".startsWith('Changed in another tab meanwhile')")
        both = original + " B1 B2 A1"
        wait_for(driver, f"(() => {{ {ON_SERVER} }})() === {json.dumps(both)}")
        assert field_text(driver, "line 1") == both
        driver.execute_script(RELEASE)
        driver.switch_to.window(tab_b)
        wait_for(driver, f"document.querySelector(\".cm-content[aria-label='line 1']\")"
                         f".textContent === {json.dumps(both)}")

        # B saves: A's button says so too, and leaving A asks nothing any more
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
        wait_for(driver, "document.getElementById('save').textContent === 'Saved'")
        driver.switch_to.window(tab_a)
        wait_for(driver, "document.getElementById('save').textContent === 'Saved'")
        assert driver.execute_script("return window.studio.state.status.dirty") is False

    saved = json.loads((sample / "story.json").read_text())["nodes"]["couch"]["lines"][0]["text"]
    assert saved == both
