"""The studio's pictures in docs/writing-a-branch.md, taken by a real browser.

    .venv/bin/python assets/studio/screenshots.py [--out docs/images]

Runs ``lowtide edit`` on a copy of the flagship and drives Debian's chromium (chromium and
chromium-driver) through Selenium, as tests/studio/test_browser.py does.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game import paths  # noqa: E402
from tests.studio.browser import chromium, studio, wait_for  # noqa: E402


def open_node(driver, node: str) -> None:
    driver.execute_script(f"window.studio.map.getCy().getElementById('{node}').emit('tap')")
    wait_for(driver, f"document.getElementById('node-title')?.textContent === '{node}'")
    driver.execute_script(
        f"const cy = window.studio.map.getCy(); cy.zoom(0.72); cy.center(cy.getElementById('{node}'))")
    time.sleep(0.4)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lowtide-shots-"))
    story = work / "low-tide"
    shutil.copytree(paths.bundled_stories_dir() / "low-tide", story)
    from selenium.webdriver.common.keys import Keys

    try:
        with studio(story) as url, chromium(1440, 900) as driver:
            driver.get(url)
            wait_for(driver, "window.studio && window.studio.ready")
            wait_for(driver, "window.studio.lintVersion !== undefined")

            open_node(driver, "hall")
            driver.save_screenshot(str(args.out / "studio-map.png"))

            # completion of names and pronoun forms in a line
            line = driver.find_element("css selector", ".cm-content[aria-label='line 2']")
            line.click()
            line.send_keys(Keys.CONTROL, Keys.END)
            line.send_keys(" {partner.th")
            wait_for(driver, "document.querySelector('.cm-tooltip-autocomplete')")
            time.sleep(0.3)
            driver.save_screenshot(str(args.out / "studio-complete.png"))
            line.send_keys(Keys.ESCAPE)
            driver.find_element("id", "undo").click()
            # the undo's answer draws the node again: wait for it before holding its fields
            wait_for(driver, "document.getElementById('save').textContent === 'Saved'")
            wait_for(driver, "!document.querySelector(\".cm-content[aria-label='line 2']\")"
                             ".textContent.endsWith('{partner.th')")

            # a misspelt variable in a condition: the squiggle and lint's message
            condition = driver.find_element("css selector", ".cm-content[aria-label='choice 2 condition']")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", condition)
            condition.click()
            condition.send_keys(Keys.CONTROL, Keys.END)
            condition.send_keys("safty >= 40")
            wait_for(driver, "document.querySelector('.cm-lintRange-error')")
            driver.find_element("id", "map").click()
            time.sleep(0.4)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", condition)
            wait_for(driver, "!document.getElementById('toast').classList.contains('show')")
            time.sleep(0.3)
            driver.save_screenshot(str(args.out / "studio-squiggle.png"))
            driver.find_element("id", "undo").click()

            # the text preview with another name and pronouns
            driver.find_element("id", "tab-preview").click()
            name = driver.find_element("id", "pv-name")
            name.send_keys("Robin")
            driver.execute_script("const s = document.getElementById('pv-pronouns'); s.value = 'they';"
                                  "s.dispatchEvent(new Event('change'))")
            driver.find_element("id", "pv-start").click()
            wait_for(driver, "document.getElementById('pv-stage')")
            driver.find_element("css selector", "#pv-stage li button").click()
            time.sleep(0.6)
            driver.save_screenshot(str(args.out / "studio-preview.png"))

            # heat from a thousand playthroughs, and the checks panel
            driver.find_element("id", "tab-node").click()
            driver.find_element("id", "heat-toggle").click()
            wait_for(driver, "document.getElementById('toast').textContent.startsWith('Heat from')", 120)
            driver.find_element("id", "checks-toggle").click()
            driver.execute_script("const cy = window.studio.map.getCy(); cy.zoom(0.55);"
                                  "cy.center(cy.getElementById('kitchen'))")
            time.sleep(0.6)
            driver.save_screenshot(str(args.out / "studio-heat.png"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote the studio's pictures to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
