"""Browser tests: Playwright drives Debian's Chromium against the live test server.

Chromium is found on PATH (or CHROMIUM_PATH); `make test` installs Debian's package when it runs
as root. Without a browser these tests are skipped with a message saying how to get one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop in the main thread; the ORM calls our tests make
# there are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            "Browser tests skipped: Debian's Chromium is not installed. "
            "Install it with 'sudo apt-get install chromium' (make test does this when run as root)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Iterator[Any]:
    # Live-server tests flush the database after each test, and with it what the data
    # migrations made; put the default stage process back.
    from innovera.ideas.defaults import default_process_create
    from innovera.ideas.models import Criterion, Stage, Transition

    default_process_create(Stage, Transition, Criterion)
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def follow(page: Any, link: Any) -> None:
    """Click a link and wait until the page it leads to has loaded.

    Playwright's click does not wait for the navigation it starts: an axe run straight after
    it reads the old page, or finds its document gone half-way (a flaky failure in CI).
    """
    with page.expect_navigation():
        link.click()


# What Chromium says when a navigation replaces the document an evaluation was reading.
NAVIGATED_AWAY = ("Execution context was destroyed", "reading 'documentElement'")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    from playwright.sync_api import Error

    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.evaluate(AXE_SOURCE)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
            )
        except Error as error:
            # A form sent or a link followed just before is still loading its answer: run
            # again on the page it arrives at; any other error is the test's to see.
            if attempt == 2 or not any(words in str(error) for words in NAVIGATED_AWAY):
                raise
            continue
        violations: list[dict[str, Any]] = result["violations"]
        return violations
    raise AssertionError("unreachable")


NARROW_WIDTH = 390


def assert_fits_narrow_screen(page: Any) -> None:
    """At 390 px (a phone) the page must not scroll sideways (issue 9, §6).

    The viewport is set to 390 px, the width measured, and the viewport the test had is put
    back, so the check can run on every page state without changing what the test sees.
    """
    # Playwright's default viewport when the context names none.
    viewport = page.viewport_size or {"width": 1280, "height": 720}
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 844})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW_WIDTH:
            culprits = page.evaluate(WIDEST_ELEMENTS, NARROW_WIDTH)
            raise AssertionError(
                f"{page.url} scrolls sideways at {NARROW_WIDTH} px ({width} px wide); "
                f"elements reaching past the edge: {culprits}"
            )
    finally:
        if viewport["width"] != NARROW_WIDTH:
            page.set_viewport_size(viewport)


# The innermost elements whose right edge is past the viewport: what to fix when a page is too wide.
WIDEST_ELEMENTS = r"""width => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right <= width + 0.5 || r.width === 0) continue;
    let inside = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { inside = true; break; }
    }
    if (inside) continue;
    const wider = [...el.children].some(c => c.getBoundingClientRect().right > width + 0.5);
    if (wider) continue;
    const id = el.id ? '#' + el.id : '';
    const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    out.push(el.tagName.toLowerCase() + id + cls + ' (right ' + Math.round(r.right) + ')');
    if (out.length >= 5) break;
  }
  return out;
}"""


def assert_accessible(page: Any) -> None:
    """axe finds no WCAG 2.1 AA violation, and the page fits a 390 px screen."""
    violations = axe_violations(page)
    summary = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found WCAG 2.1 AA violations on {page.url}:\n{summary}"
    assert_fits_narrow_screen(page)
