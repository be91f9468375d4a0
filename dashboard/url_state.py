"""Link parameters: which a page understands, and notices for the rest (pure)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from urllib.parse import urlencode

# Streamlit's own parameters, which every page accepts silently.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
MAX_SHOWN = 40
MAX_OPTIONS_SHOWN = 6


def _shown(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _options(options: Collection[str]) -> str:
    listed = sorted(options)
    text = ", ".join(listed[:MAX_OPTIONS_SHOWN])
    return text + (", …" if len(listed) > MAX_OPTIONS_SHOWN else "")


def check_params(
    raw: Mapping[str, Sequence[str]],
    allowed: Mapping[str, Collection[str] | None],
) -> list[str]:
    """Notices for parameters a page cannot use; ``None`` options mean any text."""
    notices = []
    for key, values in raw.items():
        if key in STREAMLIT_PARAMS:
            continue
        if key not in allowed:
            notices.append(
                f"Ignored the link parameter “{_shown(key)}”: this page does not use it."
            )
            continue
        options = allowed[key]
        if options is None:
            continue
        bad = [value for value in values if value not in options]
        if bad:
            notices.append(
                f"Ignored {key}=“{_shown(bad[0])}”"
                + (f" and {len(bad) - 1} more" if len(bad) > 1 else "")
                + f": not one of {_options(options)}."
            )
    return notices


def share_url(base: str, params: Mapping[str, Sequence[str]]) -> str:
    """The address that reopens this view: page URL plus its parameters."""
    pairs = [(key, value) for key, values in params.items() for value in values]
    return base + (("?" + urlencode(pairs)) if pairs else "")
