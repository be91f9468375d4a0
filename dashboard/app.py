"""Streamlit entrypoint: `streamlit run dashboard/app.py` (placeholder until the pages land)."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts dashboard/ on sys.path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from dashboard.facts.load import load_facts  # noqa: E402

st.title("UK migration facts")
factset = load_facts()
st.write(f"{len(factset.facts)} verified facts from {len(factset.seeds)} sources.")
