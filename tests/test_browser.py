"""The web app in real headless Chromium (selenium): list, search, dispute, citation jump.

Fails (does not skip) when Chromium or chromedriver is missing, unless
CONSILIENCE_SKIP_BROWSER=1. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
from test_report import make_db

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("CONSILIENCE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CONSILIENCE_CHROMEDRIVER", "/usr/bin/chromedriver")

if os.environ.get("CONSILIENCE_SKIP_BROWSER") == "1":
    pytest.skip("CONSILIENCE_SKIP_BROWSER=1", allow_module_level=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from consilience.web.app import create_app

    db = make_db(tmp_path_factory.mktemp("browser"))
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver "
        "(or set CONSILIENCE_SKIP_BROWSER=1)"
    )
    assert Path(CHROMEDRIVER).exists(), f"{CHROMEDRIVER} is missing: apt-get install -y chromium-driver"
    os.environ.setdefault("SE_AVOID_STATS", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="consilience-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _shot(driver, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_story_list_loads(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    assert "Stories" in browser.title
    rows = browser.find_elements(By.CSS_SELECTOR, "table.stories tbody tr")
    assert len(rows) >= 3
    _shot(browser, "01-story-list")


def test_search_finds_yonhap(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("Yonhap")
    box.submit()  # by script: WebDriver does not wait for the results page, so wait here
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".snippet mark"))
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".snippet mark")]
    assert "Yonhap" in marks
    assert browser.find_elements(By.CSS_SELECTOR, "ol.results a")
    _shot(browser, "02-search-yonhap")


def _open_seed_story(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/articles/a-84ef1d1dbd17")
    browser.find_element(By.LINK_TEXT, "story").click()
    return browser


def test_story_page_shows_count_dispute(server, browser):
    from selenium.webdriver.common.by import By

    _open_seed_story(server, browser)
    panel = browser.find_element(By.ID, "disputes").find_element(By.XPATH, "following-sibling::div[1]")
    sides = panel.find_elements(By.CSS_SELECTOR, ".side")
    text = {s.find_element(By.CSS_SELECTOR, ".value").text: s.find_element(By.CSS_SELECTOR, ".sources").text
            for s in sides}
    assert "two soldiers" in text and "one soldier" in text, text
    assert "Ukrainian officials" in text["two soldiers"]
    assert "National Intelligence Service" in text["one soldier"] and "Yonhap" in text["one soldier"]
    panel.location_once_scrolled_into_view  # noqa: B018
    _shot(browser, "03-story-dispute")


def test_citation_link_scrolls_to_highlight(server, browser):
    from selenium.webdriver.common.by import By

    _open_seed_story(server, browser)
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, ".side blockquote a")
                if "Yonhap" in a.find_element(By.XPATH, "..").text)
    target = link.get_attribute("href").split("#", 1)[1]
    browser.execute_script("window.scrollTo(0, 0)")
    link.click()
    time.sleep(0.3)
    assert browser.execute_script("return location.hash") == "#" + target
    mark = browser.find_element(By.ID, target)
    assert mark.tag_name == "mark" and "Yonhap" in mark.text
    assert browser.execute_script("return document.querySelector(':target') === arguments[0]", mark)
    assert mark.value_of_css_property("background-color") in ("rgba(255, 183, 77, 1)", "rgb(255, 183, 77)")
    top, height = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, window.innerHeight]", mark)
    assert browser.execute_script("return window.scrollY") > 0
    assert 0 <= top < height, (top, height)
    _shot(browser, "04-citation-target")


def test_hostile_article_does_not_break_layout(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/articles/evil-1")
    assert browser.find_elements(By.TAG_NAME, "script") == []
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert "<script>alert('xss')</script>" in browser.find_element(By.CSS_SELECTOR, ".article-text").text
    width, inner = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, (width, inner)
    _shot(browser, "05-hostile-article")
