"""draft: candidate facts for a person to review, one per figure and dated event.

Nothing here decides a fact: the draft only proposes candidates, marked ``draft: true``
so that the loader refuses them until a person has checked each one against the seed.
Numbers that are not figures (a name, a length of time, a headline's figure the text
states) become exclusions with their reason instead.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.curation.common import PYTHON, dump_yaml, entry_index, register_entries
from dashboard.curation.guesses import (
    clause_of,
    guess_status,
    guess_topic,
    guess_unit,
    not_figures,
    unit_before,
)
from dashboard.curation.phrases import DatePhrase, find_dates
from dashboard.curation.sentences import Spans, quote_span, sentence_breaks, sentence_span
from dashboard.facts.dates import DateError, parse_period
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.load import PLACEHOLDER, load_facts
from dashboard.facts.model import FactSet, Seed
from dashboard.facts.numbers import Number, QualifierKind, qualifier_of, read_numbers
from dashboard.facts.schema import HowDated, Status
from dashboard.facts.vocabulary import Vocabulary
from dashboard.paths import ProjectPaths, project_paths

DATELINE_EXCLUSION = "The dateline; recorded as the publication date in facts/register.yaml."
# Limits that keep a draft readable, and its size bounded whatever the seed holds.
MAX_CANDIDATES = 1000

DRAFT_HEADER = """\
# yaml-language-server: $schema=../dashboard/schemas/facts.schema.json
# DRAFT facts for seeds/{seed}, written by 'python -m dashboard draft'.
# No person has checked anything below yet, and the loader refuses every fact
# marked 'draft: true'. For each candidate:
#   - delete it if it is not a fact, or move its number to 'exclusions' with a
#     reason; merge candidates that state the same thing;
#   - replace each text starting with {placeholder} (statement, measure) with your own words;
#   - check topic, status, value, unit, exactness and wording against the quote
#     ('hundreds' and other numbers without a value get none: decide it);
#   - check the date: edtf, precision and any relative phrase, resolved from the
#     publication date in facts/register.yaml ({published});
#   - shorten the quote to the passage that states the fact, character for character;
#   - then delete the line 'draft: true'.
# The exclusions are numbers the draft found not to be figures: check each reason.
# Check with: {python} validate   and   {python} coverage
"""


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].strip("-")
    return slug or "seed"


def _date_block(phrase: DatePhrase | None, seed: Seed) -> dict[str, Any]:
    if phrase is None or phrase.edtf is None:
        block: dict[str, Any] = {"edtf": None, "precision": None}
    else:
        try:
            precision = parse_period(phrase.edtf).precision.value
        except DateError:
            return {"edtf": None, "precision": None}
        block = {"edtf": phrase.edtf, "precision": precision}
    if phrase is not None and phrase.rule is not None:
        block["relative"] = {
            "phrase": phrase.text,
            "reference": seed.entry.published.edtf,
            "rule": phrase.rule.value,
        }
    elif phrase is not None and phrase.reason is not None and phrase.edtf is not None:
        block["reason"] = phrase.reason
    return block


def _whole(number: float) -> float | int:
    return int(number) if number.is_integer() else number


def _figure_fields(
    text: str, figure: Number, sentence_start: int, vocabulary: Vocabulary
) -> dict[str, Any]:
    """value, unit, exactness and wording as the words around the figure suggest."""
    kind, wording_start = "exact", figure.start
    qualifier = qualifier_of(text, figure)
    if qualifier is not None and qualifier.start >= sentence_start:
        kind, wording_start = qualifier.kind.value, qualifier.start
    value = figure.value
    vague = _VAGUE.search(text, max(sentence_start, figure.start - 20), figure.start)
    if vague is not None:
        # "a couple of hundred": how many hundreds is not said.
        value, wording_start = None, vague.start()
    wording = text[wording_start : figure.end]
    unit = guess_unit(text, figure, vocabulary)
    fields: dict[str, Any] = {"measure": f"{PLACEHOLDER}: what is counted"}
    if value is not None and kind in (QualifierKind.LOWER, QualifierKind.UPPER):
        # The seed gives only a limit ('more than 500'): a bound, with no value.
        fields |= {"unit": unit, "exactness": "bound", "wording": wording}
        fields[kind] = _whole(value)
    elif value is not None:
        fields |= {"value": _whole(value), "unit": unit, "exactness": kind}
        if kind == QualifierKind.APPROXIMATE:
            fields["wording"] = wording
    else:
        # A number without a value ('hundreds'): approximate, with the seed's words.
        fields |= {"unit": unit, "wording": wording, "exactness": "approximate"}
    return {key: item for key, item in fields.items() if item is not None}


# Words before a number that leave its value unsaid ("a couple of hundred").
_VAGUE = re.compile(r"(?<![\w-])(?:a couple of|a few|several|many)\s+$", re.IGNORECASE)
# "Eight in ten", "seven out of ten": a share, as the text words it.
_SHARE = re.compile(r"\s+(?:in|out of)\s+")


def _shares(text: str, figures: list[Number]) -> dict[int, Number]:
    """Figures that begin a share ('Eight in ten'), by start, with its second number."""
    shares = {}
    for first, second in itertools.pairwise(figures):
        if (
            second.value in (10, 100)
            and first.value is not None
            and first.value < second.value
            and _SHARE.fullmatch(text, first.end, second.start)
        ):
            shares[first.start] = second
    return shares


def _share_fields(
    text: str, first: Number, second: Number, vocabulary: Vocabulary
) -> dict[str, Any]:
    """A share in words: approximate, with its wording, in the unit written '%'."""
    unit = next((name for name, u in vocabulary.units.items() if u.suffix == "%"), None)
    fields: dict[str, Any] = {"measure": f"{PLACEHOLDER}: what is counted"}
    if unit is not None:
        fields["unit"] = unit
    return fields | {"wording": text[first.start : second.end], "exactness": "approximate"}


@dataclass(frozen=True)
class _Found:
    """A figure or date phrase of the seed, with the sentence and clause it is in."""

    item: Number | DatePhrase
    first: int  # the quote: text[first:last]
    last: int
    clause: tuple[int, int]  # offsets in the text


def _dateline_exclusions(seed: Seed) -> tuple[Spans, list[dict[str, Any]]]:
    """The dateline is the publication date, already in the register: an exclusion."""
    text, published = seed.text, seed.entry.published
    spans = Spans()
    exclusions: list[dict[str, Any]] = []
    if published.how is HowDated.DATELINE:
        for sentence in published.evidence:
            at = text.find(sentence)
            if at != -1 and not spans.overlaps(at, at + len(sentence)):
                spans.add(at, at + len(sentence))
                exclusions.append(
                    {"source": seed.file, "quote": sentence, "reason": DATELINE_EXCLUSION}
                )
    return spans, exclusions


def _date_of(figure: _Found, dates: list[_Found]) -> DatePhrase | None:
    """A figure's date: the nearest date phrase of its clause, else of its sentence; a
    comparison's base ('more than last year') only when nothing else dates it."""

    def distance(found: _Found) -> tuple[bool, bool, int, bool]:
        phrase = found.item
        outside = not (figure.clause[0] <= phrase.start < figure.clause[1])
        gap = max(phrase.start - figure.item.end, figure.item.start - phrase.end)
        comparison = isinstance(phrase, DatePhrase) and phrase.comparison
        # As near before as after: the date after ('924 in 2024').
        return (outside, comparison, gap, phrase.start < figure.item.start)

    # Of the other clauses, only those before the figure ('In 2024, ..., and 396 were').
    near = [
        d
        for d in dates
        if figure.first <= d.item.start < figure.last
        and (d.item.start < figure.item.start or d.item.start < figure.clause[1])
    ]
    best = min(near, key=distance, default=None)
    return best.item if best is not None and isinstance(best.item, DatePhrase) else None


# "60 more are being held", "are now returned": as of the text's date.
_PRESENT = re.compile(r"\b(?:are|is)\s+(?:now|being|currently)\b|\bnow\b", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\b(?!\s+then)", re.IGNORECASE)
SINCE_REASON = "From {start} ('{words}') to the text's date."


def _since_date(
    text: str, figure: Number, found: _Found, dates: list[_Found], seed: Seed
) -> DatePhrase | None:
    """'42 people had been returned since the first flight on 18 September': from that
    date up to the text's date, when 'since' and the date follow the figure."""
    for other in dates:
        phrase = other.item
        if not isinstance(phrase, DatePhrase) or not (figure.end < phrase.start < found.last):
            continue
        if phrase.comparison:
            continue
        between = text[figure.end : phrase.start]
        if phrase.edtf is None or "/" in phrase.edtf or any(c.isdigit() for c in between):
            continue
        since = _SINCE_BEFORE.search(between)
        if since is None or len(between) > 120:
            continue
        try:
            start = parse_period(phrase.edtf)
        except DateError:
            continue
        end = seed.publication.end.isoformat()
        return DatePhrase(
            phrase.text,
            phrase.start,
            phrase.end,
            f"{phrase.edtf}/{end}",
            None,
            SINCE_REASON.format(
                start=start.label, words=text[figure.end + since.start() : phrase.end]
            ),
        )
    return None


def _status(
    found: _Found, text: str, phrase: DatePhrase | None, seed: Seed, vocabulary: Vocabulary
) -> Status:
    """Planned when the date is after the seed or the clause speaks of a plan."""
    if phrase is not None and phrase.edtf is not None:
        try:
            if parse_period(phrase.edtf).start > seed.publication.end:
                return Status.PLANNED
        except DateError:
            pass
    return guess_status(text[found.clause[0] : found.clause[1]], vocabulary)


@dataclass(frozen=True)
class Drafted:
    """A seed's candidates, with where each one's number or date phrase is, and its
    exclusions."""

    facts: list[dict[str, Any]]
    anchors: list[tuple[int, int]]
    exclusions: list[dict[str, Any]]


def draft_document(seed: Seed, vocabulary: Vocabulary) -> dict[str, list[dict[str, Any]]]:
    """Candidate facts and exclusions for one registered seed, as the file holds them."""
    drafted = draft_candidates(seed, vocabulary)
    return {"facts": drafted.facts, "exclusions": drafted.exclusions}


def draft_candidates(seed: Seed, vocabulary: Vocabulary) -> Drafted:
    """Candidate facts and exclusions for one registered seed."""
    text = seed.text
    dateline, exclusions = _dateline_exclusions(seed)
    headline = seed.entry.headline
    all_dates = [
        d for d in find_dates(text, seed.publication) if not dateline.overlaps(d.start, d.end)
    ]
    in_dates = Spans((d.start, d.end) for d in all_dates)
    # A number inside a date ('October 7') belongs to the date's candidate.
    numbers = [
        f
        for f in read_numbers(text)
        if not dateline.overlaps(f.start, f.end) and not in_dates.overlaps(f.start, f.end)
    ]
    excluded = Spans()
    for passage in sorted(not_figures(text, numbers, headline), key=lambda p: p.start):
        if excluded.overlaps(passage.start, passage.end):
            continue
        excluded.add(passage.start, passage.end)
        exclusions.append(
            {
                "source": seed.file,
                "quote": text[passage.start : passage.end],
                "reason": passage.reason,
            }
        )
    figures = [f for f in numbers if not excluded.overlaps(f.start, f.end)]
    shares = _shares(text, figures)
    second_of_share = {second.start for second in shares.values()}
    figures = [f for f in figures if f.start not in second_of_share]
    # A date the headline names is named again in the text, where its candidate is.
    head = Spans()
    if headline and (at := text.find(headline)) != -1:
        head.add(at, at + len(headline))
    dates = [
        d
        for d in all_dates
        if not excluded.overlaps(d.start, d.end)
        and not (head.overlaps(d.start, d.end) and d.text in text[head.ends[0] :])
    ]
    if len(figures) + len(dates) > MAX_CANDIDATES:
        raise FactError(
            f"seeds/{seed.file}",
            f"has {len(figures) + len(dates):,} numbers and dates; a draft holds at most "
            f"{MAX_CANDIDATES:,}",
            hint="This looks like a data file rather than an article: write its facts by "
            "hand, citing the passages they come from.",
            code=ErrorCode.TOO_MANY_CANDIDATES,
        )
    breaks = sentence_breaks(text)

    def place(item: Number | DatePhrase) -> _Found:
        first, last = sentence_span(text, item.start, item.end, breaks)
        first, last = quote_span(text, first, last, item.start, item.end)
        start, end = clause_of(text[first:last], item.start - first)
        return _Found(item, first, last, (first + start, first + end))

    found_figures = [place(f) for f in figures]
    found_dates = [place(d) for d in dates]
    figure_dates = {id(f): _date_of(f, found_dates) for f in found_figures}
    # A date that dates a figure of its own clause is that figure's date, not an event;
    # nor is a comparison's base. Of the other dates, the first of each clause is an
    # event ('signed on 18 June 2025 ... until the end of 2027' is one event).
    taken = {
        id(phrase)
        for f in found_figures
        if (phrase := figure_dates[id(f)]) is not None and f.clause[0] <= phrase.start < f.clause[1]
    }
    events: dict[tuple[int, int], _Found] = {}
    for found in found_dates:
        event = found.item
        if id(event) in taken or (isinstance(event, DatePhrase) and event.comparison):
            continue
        line_end = text.find("\n", found.last)
        line = text[
            text.rfind("\n", 0, found.first) + 1 : len(text) if line_end == -1 else line_end
        ]
        if line.rstrip().endswith("?"):
            continue  # a question (an interviewer's, a member's) asks; it states no event
        clause = text[found.clause[0] : found.clause[1]]
        if found.clause not in events or guess_status(clause, vocabulary) is Status.PLANNED:
            # A plan's time comes last ('told MPs on Monday that ... in the coming weeks').
            events[found.clause] = found
    candidates = sorted([*found_figures, *events.values()], key=lambda found: found.item.start)
    facts = []
    slug = _slug(Path(seed.file).stem)
    for number, found in enumerate(candidates, start=1):
        item, sentence = found.item, text[found.first : found.last]
        if isinstance(item, Number):
            phrase = _since_date(text, item, found, found_dates, seed) or figure_dates[id(found)]
            if phrase is None and _PRESENT.search(text, found.clause[0], found.clause[1]):
                phrase = DatePhrase("", item.start, item.end, seed.entry.published.edtf, None)
            what = f"about {item.text!r}"
            if item.start in shares:
                figure_fields = _share_fields(text, item, shares[item.start], vocabulary)
            else:
                figure_fields = _figure_fields(text, item, found.first, vocabulary)
            if "unit" not in figure_fields and not (item.percent or item.currency):
                unit = unit_before(text[found.first : item.start], vocabulary)
                if unit is not None:
                    figure_fields["unit"] = unit
        else:
            phrase, what, figure_fields = item, f"happened {item.text!r}", {}
        status = _status(found, text, phrase, seed, vocabulary)
        if status is not Status.HAPPENED and phrase is not None:
            phrase = phrase.coming(seed.publication)
        at = item.start - found.first
        topic = guess_topic(sentence, at, vocabulary, figure=isinstance(item, Number))
        fact: dict[str, Any] = {
            "id": f"{slug}-{number:02d}",
            "statement": f"{PLACEHOLDER}: one plain sentence: what the quote says {what}.",
            "topic": topic if topic is not None else PLACEHOLDER,
            "partnership": seed.entry.partnership,
            "countries": list(seed.entry.countries),
            **figure_fields,
            "status": status.value,
            "date": _date_block(phrase, seed),
            "source": seed.file,
            "quote": sentence,
            "draft": True,
        }
        facts.append(fact)
    anchors = [(found.item.start, found.item.end) for found in candidates]
    return Drafted(facts, anchors, exclusions)


def render_draft(seed: Seed, document: dict[str, list[dict[str, Any]]]) -> str:
    header = DRAFT_HEADER.format(
        seed=seed.file,
        placeholder=repr(PLACEHOLDER),
        published=seed.entry.published.edtf,
        python=PYTHON,
    )
    return header + dump_yaml(document)


@dataclass(frozen=True)
class DraftResult:
    path: Path
    shown: str
    facts: int
    exclusions: int


def _registered_seed(paths: ProjectPaths, name: str, factset: FactSet) -> Seed:
    seed = factset.seeds.get(name)
    if seed is not None:
        return seed
    register = paths.relative(paths.register_file)
    document, entries = register_entries(paths)
    index = entry_index(entries, name)
    if index is not None:
        raise FactError(
            register,
            f"seeds/{name} cannot be drafted yet: its register entry has errors",
            line=document.line_of(("seeds", index)),
            field=f"seeds[{index}]",
            hint=f"Run '{PYTHON} validate' to see them, fix the entry (for example its "
            "published date), then draft again.",
            code=ErrorCode.SEED_UNUSABLE,
        )
    if (paths.seeds_dir / name).is_file():
        raise FactError(
            f"seeds/{name}",
            f"is not in {register}",
            hint=f"Register it first: '{PYTHON} add-seed seeds/{name} --partnership ...'.",
            code=ErrorCode.UNREGISTERED_SEED,
        )
    raise FactError(
        f"seeds/{name}",
        "no such seed",
        hint=f"Add the document first: '{PYTHON} add-seed FILE --partnership ...'.",
        code=ErrorCode.UNKNOWN_SEED,
    )


def draft(root: Path | str | None, seed_name: str, *, force: bool = False) -> DraftResult:
    """Write facts/<seed>.facts.yaml with one draft candidate per number and date."""
    paths = project_paths(root)
    name = Path(seed_name).name
    target = paths.facts_dir / f"{Path(name).stem}.facts.yaml"
    shown = paths.relative(target)
    if target.exists() and not force:
        raise FactError(
            shown,
            "already exists; not overwritten",
            hint="Edit it, or run draft again with --force to replace it (your edits "
            "in it would be lost).",
            code=ErrorCode.EXISTS,
        )
    factset = load_facts(paths.root, coverage=False)
    seed = _registered_seed(paths, name, factset)
    document = draft_document(seed, factset.vocabulary or Vocabulary())
    target.write_text(render_draft(seed, document), encoding="utf-8")
    return DraftResult(target, shown, len(document["facts"]), len(document["exclusions"]))
