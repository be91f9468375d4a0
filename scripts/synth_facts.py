"""Generate a synthetic project: seeds, a register and fact files that load with zero errors.

    .venv/bin/python scripts/synth_facts.py OUT_DIR [--seeds 500] [--facts-per-seed 20]
                                                    [--with-real] [--random-seed 1]

Each synthetic seed is a short report whose every sentence is the quote of one or more
facts, so coverage holds; the dateline and the title (which carry numbers) are listed as
exclusions. Facts vary in topic, date precision (day, week, month, season, year, span,
approximate month, undated, relative phrases), exactness (exact, approximate, bound) and
include derived figures (ratio, base before a percentage increase). The project gets
this repository's vocabularies and views of its own (facts/views.yaml) with the same
pages as the real one, whose charts select the synthetic figures. ``--with-real`` also
copies this repository's seeds and facts, and the real Overview's headlines.

The benchmark (scripts/bench.py) uses it for 10,000 facts over 500 seeds.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

# The measures the synthetic figures share (and the views' charts select).
CROSSINGS_MEASURE = "people crossing the Channel in small boats"
ONE_DAY_MEASURES = (
    "people crossing the Channel in small boats on one day",
    "small boats crossing the Channel on one day",
    "average people per small boat on one day",
)
DEPORTATION_MEASURES = (
    "irregular migrants deported",
    "irregular migrants deported the year before (derived)",
    "voluntary returns",
)
PARTNERSHIPS = {
    "UK–Albania": ["United Kingdom", "Albania"],
    "UK–Türkiye": ["United Kingdom", "Türkiye"],
    "UK–France": ["United Kingdom", "France"],
    "UK–Italy": ["United Kingdom", "Italy"],
}
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# Timeline events: (topic, sentence template). The templates carry no number words.
EVENT_SENTENCES = [
    ("agreements", "Officials signed an agreement on returns and border security"),
    ("appointments", "A new envoy for migration cooperation was appointed"),
    ("meetings", "Ministers met to review the joint action plan"),
    ("visits", "The interior minister visited the coastguard headquarters"),
    ("operations", "Police forces ran a joint operation against smuggling networks"),
    ("policy", "The government published new guidance on asylum claims"),
    ("accommodation", "A former barracks was opened as asylum accommodation"),
    ("seizures", "Border officers seized engines and life jackets at the port"),
]
# Some statements and notes say things a renderer must not act on, to exercise escaping.
ODD_NOTES = [
    None,
    "Reported by the ministry; not independently verified.",
    "Figures may be revised (see *the annual report*).",
    "A_B_C [draft] #1 <b>not bold</b>",
    "= a note that begins like a spreadsheet formula",
]


class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Never writes anchors or aliases (the loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _day_text(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _month_text(year: int, month: int) -> str:
    return f"{calendar.month_name[month]} {year}"


def stable_figure(low: int, high: int, *key: object) -> int:
    """The same figure for the same (measure, period, partnership) in every seed.

    Sources that report the same figure agree, as real ones mostly do; otherwise the
    loader would report thousands of conflicts that real fact files never have.
    """
    digest = hashlib.sha256("|".join(map(str, key)).encode("utf-8")).digest()
    return low + int.from_bytes(digest[:8], "big") % (high - low)


def _previous_month(day: dt.date) -> tuple[int, int]:
    first = day.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


class _SeedWriter:
    """Builds one synthetic seed's text, register entry, facts and exclusions."""

    def __init__(self, index: int, rng: random.Random, facts_per_seed: int) -> None:
        self.index = index
        self.rng = rng
        self.facts_per_seed = facts_per_seed
        self.file = f"syn{index:04d}_synthetic.txt"
        self.partnership = rng.choice(list(PARTNERSHIPS))
        self.countries = PARTNERSHIPS[self.partnership]
        self.published = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randrange(4 * 365))
        self.title = f"Synthetic migration report no. {index}"
        self.dateline = f"Published on {_day_text(self.published)}."
        self.sentences: list[str] = []
        self.facts: list[dict[str, Any]] = []
        self.counter = 0

    # -- helpers ---------------------------------------------------------------

    def new_id(self, slug: str) -> str:
        self.counter += 1
        return f"syn{self.index:04d}-{self.counter:02d}-{slug}"

    def say(self, sentence: str) -> str:
        self.sentences.append(sentence)
        return sentence

    def fact(self, slug: str, statement: str, topic: str, quote: str, **fields: Any) -> str:
        fact_id = self.new_id(slug)
        notes = self.rng.choice(ODD_NOTES)
        date = fields.pop("date", {"edtf": None, "precision": None})
        record: dict[str, Any] = {
            "id": fact_id,
            "statement": statement,
            "topic": topic,
            "partnership": self.partnership,
            "countries": list(self.countries),
        }
        for name in ("measure", "value", "unit", "exactness", "wording", "lower", "upper"):
            if name in fields:
                record[name] = fields.pop(name)
        record["status"] = fields.pop("status", "happened")
        record["date"] = date
        if "derived" in fields:
            record["derived"] = fields.pop("derived")
        record["source"] = self.file
        record["quote"] = quote
        if notes is not None:
            record["notes"] = notes
        assert not fields, fields
        self.facts.append(record)
        return fact_id

    def past_day(self, max_days: int = 700) -> dt.date:
        return self.published - dt.timedelta(days=self.rng.randrange(1, max_days))

    # -- fact groups -------------------------------------------------------------

    def crossings(self) -> None:
        rng = self.rng
        year, month = _previous_month(self.published)
        people = stable_figure(200, 9000, "month", year, month, self.partnership)
        if self.index % 50 == 7:
            people += 1  # a few sources disagree: the loader warns (a conflict)
        quote = self.say(
            f"In {_month_text(year, month)}, {people:,} people crossed the Channel in small "
            "boats, according to the report"
        )
        self.fact(
            "crossings-month",
            f"{people:,} people crossed the Channel in small boats in {_month_text(year, month)}.",
            "crossings",
            quote,
            measure=CROSSINGS_MEASURE,
            value=people,
            unit="people",
            exactness="exact",
            date={"edtf": f"{year}-{month:02d}", "precision": "month"},
        )
        season_year = self.published.year - 1
        season = rng.choice(list(SEASONS))
        around = stable_figure(20, 900, "season", season_year, season, self.partnership)
        quote = self.say(
            f"Around {around} people were thought to have crossed during "
            f"{SEASONS[season]} {season_year}"
        )
        self.fact(
            "crossings-season",
            f"About {around} people crossed in {SEASONS[season]} {season_year}.",
            "crossings",
            quote,
            measure=CROSSINGS_MEASURE,
            value=around,
            unit="people",
            exactness="approximate",
            wording=f"Around {around}",
            date={"edtf": f"{season_year}-{season}", "precision": "season"},
        )
        year_before = self.published.year - 1
        floor = stable_figure(1000, 40000, "bound", year_before, self.partnership)
        quote = self.say(f"More than {floor:,} people made the crossing in {year_before}")
        self.fact(
            "crossings-year-bound",
            f"More than {floor:,} people crossed the Channel in {year_before}.",
            "crossings",
            quote,
            measure=CROSSINGS_MEASURE,
            unit="people",
            exactness="bound",
            lower=floor,
            wording=f"More than {floor:,}",
            date={"edtf": str(year_before), "precision": "year"},
        )

    def one_day(self) -> None:
        day = self.past_day(60)
        boats = stable_figure(3, 40, "boats", day, self.partnership)
        people = boats * stable_figure(30, 70, "per-boat", day, self.partnership)
        quote = self.say(f"On {_day_text(day)}, {people:,} people crossed in {boats} small boats")
        date = {"edtf": day.isoformat(), "precision": "day"}
        people_id = self.fact(
            "one-day-people",
            f"{people:,} people crossed the Channel on {_day_text(day)}.",
            "crossings",
            quote,
            measure=ONE_DAY_MEASURES[0],
            value=people,
            unit="people",
            exactness="exact",
            date=dict(date),
        )
        boats_id = self.fact(
            "one-day-boats",
            f"{boats} small boats crossed the Channel on {_day_text(day)}.",
            "crossings",
            quote,
            measure=ONE_DAY_MEASURES[1],
            value=boats,
            unit="boats",
            exactness="exact",
            date=dict(date),
        )
        self.fact(
            "one-day-per-boat",
            f"On average {round(people / boats, 1)} people were in each boat (our division).",
            "crossings",
            quote,
            measure=ONE_DAY_MEASURES[2],
            value=round(people / boats, 1),
            unit="people per boat",
            exactness="exact",
            date=dict(date),
            derived={
                "method": "ratio",
                "inputs": {"numerator": people_id, "denominator": boats_id},
                "decimals": 1,
            },
        )

    def deportations(self) -> None:
        rng = self.rng
        last_year = self.published.year - 1
        deported = stable_figure(5000, 150000, "deported", last_year, self.partnership)
        percent = stable_figure(5, 200, "percent", last_year, self.partnership)
        approximate_percent = rng.random() < 0.4
        percent_words = f"some {percent}%" if approximate_percent else f"{percent}%"
        quote = self.say(
            f"Last year, {deported:,} irregular migrants were deported, up by {percent_words} "
            f"compared to {last_year - 1}"
        )
        relative = {
            "phrase": "Last year",
            "reference": self.published.isoformat(),
            "rule": "last_year",
        }
        deported_id = self.fact(
            "deported",
            f"{deported:,} irregular migrants were deported in {last_year}.",
            "deportations",
            quote,
            measure=DEPORTATION_MEASURES[0],
            value=deported,
            unit="people",
            exactness="exact",
            date={"edtf": str(last_year), "precision": "year", "relative": relative},
        )
        percent_fields: dict[str, Any] = {"exactness": "exact"}
        if approximate_percent:
            percent_fields = {"exactness": "approximate", "wording": f"some {percent}%"}
        percent_id = self.fact(
            "deported-change",
            f"Deportations rose by {percent}% on the year before.",
            "deportations",
            quote,
            measure="change in deportations on the previous year",
            value=percent,
            unit="percent",
            date={"edtf": str(last_year), "precision": "year", "relative": dict(relative)},
            **percent_fields,
        )
        base = round(deported / (1 + percent / 100))
        # A figure derived from an approximate one is approximate, with the seed's words.
        base_fields: dict[str, Any] = {"exactness": "exact"}
        if approximate_percent:
            base_fields = {"exactness": "approximate", "wording": f"some {percent}%"}
        self.fact(
            "deported-year-before",
            f"About {base:,} irregular migrants were deported in {last_year - 1} (derived).",
            "deportations",
            quote,
            # Not the stated measure: a base derived from a rounded rise is not comparable.
            measure=DEPORTATION_MEASURES[1],
            value=float(base),
            unit="people",
            date={"edtf": str(last_year - 1), "precision": "year"},
            derived={
                "method": "base_before_percent_increase",
                "inputs": {"current": deported_id, "percent_increase": percent_id},
                "decimals": 0,
            },
            **base_fields,
        )
        returns = stable_figure(1000, 80000, "returns", last_year, self.partnership)
        quote = self.say(f"Some {returns:,} people made voluntary returns in {last_year}")
        self.fact(
            "voluntary-returns",
            f"About {returns:,} people made voluntary returns in {last_year}.",
            "voluntary returns",
            quote,
            measure=DEPORTATION_MEASURES[2],
            value=returns,
            unit="people",
            exactness="approximate",
            wording=f"Some {returns:,}",
            date={"edtf": str(last_year), "precision": "year"},
        )

    def other_figures(self) -> None:
        rng = self.rng
        day = self.past_day()
        seized = stable_figure(2, 300, "seized", day, self.partnership)
        quote = self.say(f"On {_day_text(day)}, officers seized {seized} boats and boat parts")
        self.fact(
            "seizure",
            f"Officers seized {seized} boats and boat parts on {_day_text(day)}.",
            "seizures",
            quote,
            measure="boats and boat parts seized",
            value=seized,
            unit="boats and boat parts",
            exactness="exact",
            date={"edtf": day.isoformat(), "precision": "day"},
        )
        year = self.published.year - rng.randrange(1, 4)
        arrivals = stable_figure(1000, 500000, "arrivals", year, self.partnership)
        quote = self.say(f"In {year}, {arrivals:,} irregular arrivals were recorded")
        self.fact(
            "arrivals",
            f"{arrivals:,} irregular arrivals were recorded in {year}.",
            "migration",
            quote,
            measure=f"irregular arrivals ({self.partnership})",
            value=arrivals,
            unit="people",
            exactness="exact",
            date={"edtf": str(year), "precision": "year"},
        )

    def event(self, number: int) -> None:
        rng = self.rng
        topic, sentence = EVENT_SENTENCES[(self.index + number) % len(EVENT_SENTENCES)]
        form = rng.choice(
            [
                "day",
                "week",
                "month",
                "season",
                "year",
                "span",
                "about-month",
                "undated",
                "last-week",
                "planned",
            ]
        )
        status = "happened"
        if form == "day":
            day = self.past_day()
            when, date = f"on {_day_text(day)}", {"edtf": day.isoformat(), "precision": "day"}
        elif form == "week":
            day = self.past_day()
            monday = day - dt.timedelta(days=day.weekday())
            sunday = monday + dt.timedelta(days=6)
            when = f"in the week of {_day_text(monday)} to {_day_text(sunday)}"
            date = {"edtf": f"{monday.isoformat()}/{sunday.isoformat()}", "precision": "week"}
        elif form == "month":
            day = self.past_day()
            when = f"in {_month_text(day.year, day.month)}"
            date = {"edtf": f"{day.year}-{day.month:02d}", "precision": "month"}
        elif form == "about-month":
            day = self.past_day()
            when = f"around {_month_text(day.year, day.month)}"
            date = {"edtf": f"{day.year}-{day.month:02d}~", "precision": "month"}
        elif form == "season":
            year = self.published.year - 1
            season = rng.choice(list(SEASONS))
            when = f"in {SEASONS[season]} {year}"
            date = {"edtf": f"{year}-{season}", "precision": "season"}
        elif form == "year":
            year = self.published.year - rng.randrange(1, 3)
            when, date = f"in {year}", {"edtf": str(year), "precision": "year"}
        elif form == "span":
            start = self.past_day()
            # At most four days long, so never a Monday-to-Sunday week.
            end = min(start + dt.timedelta(days=rng.randrange(2, 5)), self.published)
            when = f"between {_day_text(start)} and {_day_text(end)}"
            date = {"edtf": f"{start.isoformat()}/{end.isoformat()}", "precision": "span"}
            if start == end:
                date = {"edtf": start.isoformat(), "precision": "day"}
        elif form == "last-week":
            monday = self.published - dt.timedelta(days=self.published.weekday() + 7)
            day = monday + dt.timedelta(days=rng.randrange(7))
            when = "last week"
            date = {
                "edtf": day.isoformat(),
                "precision": "day",
                "relative": {
                    "phrase": "last week",
                    "reference": self.published.isoformat(),
                    "rule": "last_week",
                },
            }
        elif form == "planned":
            later = self.published + dt.timedelta(days=rng.randrange(40, 300))
            when = f"in {_month_text(later.year, later.month)}, as planned"
            date = {"edtf": f"{later.year}-{later.month:02d}", "precision": "month"}
            status = "planned"
        else:
            when, date, status = "", {"edtf": None, "precision": None}, "announced"
        text = f"{sentence} {when}".strip() + f" (item {self.counter + 1} of the report)"
        quote = self.say(text)
        self.fact(
            f"event-{topic.replace(' ', '-')}",
            f"{sentence} {when}".strip() + ".",
            topic,
            quote,
            status=status,
            date=date,
        )

    # -- output ------------------------------------------------------------------

    def build(self) -> None:
        self.crossings()
        self.one_day()
        self.deportations()
        self.other_figures()
        number = 0
        while len(self.facts) < self.facts_per_seed:
            self.event(number)
            number += 1
        del self.facts[self.facts_per_seed :]

    def text(self) -> str:
        body = [
            ". ".join(self.sentences[i : i + 4]) + "." for i in range(0, len(self.sentences), 4)
        ]
        return "\n\n".join([self.title, self.dateline, *body]) + "\n"

    def register_entry(self, text: str) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "label": f"Synthetic report {self.index} ({_day_text(self.published)})",
            "headline": self.title,
            "publisher": None,
            "partnership": self.partnership,
            "countries": list(self.countries),
            "published": {
                "edtf": self.published.isoformat(),
                "precision": "day",
                "how": "dateline",
                "evidence": [self.dateline],
            },
        }

    def fact_file(self) -> dict[str, Any]:
        return {
            "facts": self.facts,
            "exclusions": [
                {"source": self.file, "quote": self.title, "reason": "The report's serial number."},
                {"source": self.file, "quote": self.dateline, "reason": "The dateline."},
            ],
        }


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)


def views(with_real: bool) -> dict[str, Any]:
    """Views with the real project's pages, whose charts draw the synthetic figures (and,
    with the real facts, the real Overview)."""
    overview: dict[str, Any] = {"title": "Synthetic facts", "headlines": [], "key_points": []}
    if with_real:
        real = yaml.safe_load((REPO_DIR / "facts" / "views.yaml").read_text(encoding="utf-8"))
        overview = real["overview"]
    return {
        "dataset": {
            "title": "Synthetic facts for the benchmark",
            "description": "Generated by scripts/synth_facts.py.",
            "licence": "CC0.",
            "citation": "Do not cite: synthetic.",
        },
        "overview": overview,
        "pages": [
            {
                "url": "crossings",
                "title": "Channel crossings",
                "charts": [
                    {
                        "id": "crossings-totals",
                        "kind": "figures",
                        "title": "Crossings by period",
                        "select": {"measures": [CROSSINGS_MEASURE]},
                        "compare_partnerships": True,
                    },
                    {
                        "id": "crossings-one-day",
                        "kind": "one_day_counts",
                        "title": "Crossings on one day",
                        "select": {"measures": list(ONE_DAY_MEASURES)},
                        "compare_partnerships": True,
                    },
                ],
            },
            {
                "url": "deportations",
                "title": "Deportations and returns",
                "charts": [
                    {
                        "id": "deportations-returns",
                        "kind": "figures",
                        "title": "Deportations and returns",
                        "select": {"measures": list(DEPORTATION_MEASURES)},
                        "compare_partnerships": True,
                    }
                ],
            },
            {
                "url": "timeline",
                "title": "Timeline",
                "charts": [
                    {"id": "timeline", "kind": "timeline", "title": "Events", "figures": False}
                ],
            },
        ],
    }


def generate(
    out: Path,
    *,
    seeds: int = 500,
    facts_per_seed: int = 20,
    with_real: bool = False,
    random_seed: int = 1,
) -> Path:
    """Write ``out/seeds`` and ``out/facts``; return ``out``."""
    if facts_per_seed < 12:
        raise SystemExit("--facts-per-seed must be at least 12 (the figure groups)")
    rng = random.Random(random_seed)
    seeds_dir, facts_dir = out / "seeds", out / "facts"
    seeds_dir.mkdir(parents=True, exist_ok=True)
    facts_dir.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, Any]] = []
    header = ""
    if with_real:
        for path in (REPO_DIR / "seeds").iterdir():
            shutil.copy2(path, seeds_dir / path.name)
        for path in (REPO_DIR / "facts").glob("*.facts.yaml"):
            shutil.copy2(path, facts_dir / path.name)
        real = yaml.safe_load((REPO_DIR / "facts" / "register.yaml").read_text(encoding="utf-8"))
        entries.extend(real["seeds"])
        header = "# The real seeds first, then synthetic ones.\n"
    for index in range(seeds):
        writer = _SeedWriter(index, rng, facts_per_seed)
        writer.build()
        text = writer.text()
        (seeds_dir / writer.file).write_bytes(text.encode("utf-8"))
        entries.append(writer.register_entry(text))
        (facts_dir / f"{Path(writer.file).stem}.facts.yaml").write_text(
            _dump(writer.fact_file()), encoding="utf-8"
        )
    (facts_dir / "register.yaml").write_text(header + _dump({"seeds": entries}), encoding="utf-8")
    shutil.copy2(REPO_DIR / "facts" / "vocabularies.yaml", facts_dir / "vocabularies.yaml")
    (facts_dir / "views.yaml").write_text(_dump(views(with_real)), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write seeds/ and facts/ into")
    parser.add_argument("--seeds", type=int, default=500)
    parser.add_argument("--facts-per-seed", type=int, default=20)
    parser.add_argument("--with-real", action="store_true", help="also copy the real project")
    parser.add_argument("--random-seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(
        args.out,
        seeds=args.seeds,
        facts_per_seed=args.facts_per_seed,
        with_real=args.with_real,
        random_seed=args.random_seed,
    )
    print(f"Wrote {args.seeds} seeds and {args.seeds * args.facts_per_seed} facts to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
