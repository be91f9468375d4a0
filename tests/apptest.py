"""AppTest helpers: open any page of the app by its address, and read what it shows.

The pages of the views are callables (st.Page(function)); AppTest.switch_page reaches
file pages only, so a page is opened by the script hash st.navigation registered for
its address. This is the one place that uses AppTest's private page registry.
"""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from dashboard.paths import REPO_DIR

APP = str(REPO_DIR / "dashboard" / "app.py")


def go_to(at: AppTest, url_path: str) -> None:
    """Make the next run open the page at /<url_path> (after a first run)."""
    registered = {
        info.get("url_pathname"): page_hash for page_hash, info in at._registered_pages.items()
    }
    if url_path not in registered:
        raise ValueError(f"no page at /{url_path}; pages: {sorted(map(str, registered))}")
    at._page_hash = registered[url_path]


def open_page(
    url_path: str = "",
    params: dict[str, str | list[str]] | None = None,
    theme: str | None = None,
) -> AppTest:
    """The app at /<url_path> ("" or "overview": the Overview), with link parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    if theme:
        at.context = {"theme": theme}
    at.run()
    if url_path not in ("", "overview"):
        go_to(at, url_path)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def plain(markdown: str) -> str:
    """Undo dashboard.text.escape_markdown (escapes, and the code spans it puts around
    web addresses), to compare with the facts' own text."""
    unwrapped = re.sub(r"(?<!\\)`([^`]*)`", r"\1", markdown)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", unwrapped).replace("  \n", "\n")


def captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


def drawn_fact_ids(spec: str) -> list[str]:
    """Fact ids in a figure's customdata (each point's first element), in order."""
    ids: list[str] = []
    for trace in json.loads(spec)["data"]:
        for item in trace.get("customdata") or []:
            if isinstance(item, list) and item and isinstance(item[0], str):
                ids.append(item[0])
    return list(dict.fromkeys(ids))
