"""Curating a new seed: register it (``add-seed``), draft its facts (``draft``), report
its coverage (``coverage``).

The command line calls these functions; they never print. Every refusal is a located
FactError. The draft's words for topics, units and statuses are data
(facts/vocabularies.yaml), so that nothing here names today's corpus.
"""

from dashboard.curation.common import PYTHON
from dashboard.curation.coverage import CoverageReport, coverage_report
from dashboard.curation.draft import (
    DATELINE_EXCLUSION,
    MAX_CANDIDATES,
    DraftResult,
    draft,
    draft_document,
    render_draft,
)
from dashboard.curation.phrases import Dateline, DatePhrase, find_dateline, find_dates
from dashboard.curation.seeds import AddedSeed, add_seed, countries_of, headline_of
from dashboard.curation.sentences import QUOTE_CONTEXT, quote_span, sentence_breaks, sentence_span

__all__ = [
    "DATELINE_EXCLUSION",
    "MAX_CANDIDATES",
    "PYTHON",
    "QUOTE_CONTEXT",
    "AddedSeed",
    "CoverageReport",
    "DatePhrase",
    "Dateline",
    "DraftResult",
    "add_seed",
    "countries_of",
    "coverage_report",
    "draft",
    "draft_document",
    "find_dateline",
    "find_dates",
    "headline_of",
    "quote_span",
    "render_draft",
    "sentence_breaks",
    "sentence_span",
]
