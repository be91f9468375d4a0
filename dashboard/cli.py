"""The command line, calling the same modules as the pages."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dashboard import curation, exports, transforms
from dashboard.citation import Edition, content_version, today
from dashboard.facts.errors import FactError
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.facts.schema_files import write_schema_files
from dashboard.paths import project_paths
from dashboard.views.project import load_project


def _print_warnings(factset: FactSet) -> None:
    warnings = [conflict.error for conflict in factset.conflicts] + factset.reviews
    if warnings:
        print(
            f"{len(warnings)} warning(s): these facts are kept and shown; check them.",
            file=sys.stderr,
        )
        for warning in warnings:
            print(warning, file=sys.stderr)
        print(file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    factset, table, views = project.factset, project.table, project.views
    _print_warnings(factset)
    if project.errors:
        for error in project.errors:
            print(error, file=sys.stderr)
        print(
            f"\n{len(project.errors)} error(s); "
            f"{len(factset.facts)} fact(s) loaded without errors.",
            file=sys.stderr,
        )
        return 1
    counts = transforms.summary(table)
    print(f"OK: {len(factset.facts)} facts from {len(factset.seeds)} seeds, no errors.")
    print("\nFacts per seed:")
    for seed, count in counts["per_seed"].items():
        print(f"  {count:4d}  {seed}")
    print("\nFacts per topic:")
    for topic, count in counts["per_topic"].items():
        print(f"  {count:4d}  {topic}")
    print(f"\nDerived facts: {counts['derived']['derived']}")
    print(f"Numbers in seeds excluded as not facts: {len(factset.exclusions)}")
    charts = sum(1 for _ in views.charts())
    print(
        f"\nViews: {len(views.pages)} page(s), {charts} chart(s) and "
        f"{len(views.overview.headlines)} headline(s), every name they use loaded."
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    for error in project.errors:
        print(error, file=sys.stderr)
    table, factset, dataset = project.table, project.factset, project.views.dataset
    if args.format == "csv":
        data = exports.to_csv(table)
    else:
        # Outside the dashboard, its address is the one the views give, if any.
        edition = Edition(
            version=content_version(project_paths(args.project)),
            accessed=today(),
            address=dataset.url,
        )
        data = exports.to_json(table, factset, dataset, edition)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"Wrote {len(table)} facts to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 1 if project.errors else 0


def _schema(args: argparse.Namespace) -> int:
    for path in write_schema_files(project_paths(args.project)):
        print(f"Wrote {path}")
    return 0


def _command(args: argparse.Namespace, rest: str) -> str:
    """A command line to print, naming --project when the user gave one."""
    project = f" --project {shlex.quote(str(args.project))}" if args.project is not None else ""
    return f"{curation.PYTHON}{project} {rest}"


def _add_seed(args: argparse.Namespace) -> int:
    added = curation.add_seed(
        args.project,
        Path(args.file),
        partnership=args.partnership,
        label=args.label,
        countries=args.country,
    )
    paths = project_paths(args.project)
    register = paths.relative(paths.register_file)
    how = "copied into" if added.copied else "already in"
    print(f"{added.name}: {how} seeds/ (sha256 {added.sha256}).")
    print(f"Registered in {register}:{added.register_line}.")
    if added.dateline is not None:
        print(
            f"Published {added.dateline.date.isoformat()}, from its dateline "
            f"{added.dateline.text!r} (line {added.dateline.line})."
        )
    if added.headline is not None:
        print(f"Headline {added.headline!r}, from the first line of the text.")
    else:
        print("Headline: none; the first line does not read as one (fill it in, or keep null).")
    for item in added.to_do:
        print(item, file=sys.stderr)
    stem = Path(added.name).stem
    steps = [
        f"Check the entry at {register}:{added.register_line}: the label, the countries, "
        "and the headline and publisher (verbatim from the text, or null).",
        _command(args, f"draft seeds/{added.name}"),
        f"Edit facts/{stem}.facts.yaml: check every candidate against the seed, replace "
        "each TODO, delete 'draft: true'.",
        _command(args, "validate") + "   (until it reports no errors)",
        _command(args, "coverage") + "   (every number in the seed accounted for)",
    ]
    if added.to_do:
        steps.insert(0, f"Fill in 'published' at {register}:{added.register_line} (see above).")
    print("\nNext steps:")
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")
    return 0


def _draft(args: argparse.Namespace) -> int:
    result = curation.draft(args.project, args.seed, force=args.force)
    print(
        f"Wrote {result.shown}: {result.facts} draft fact(s), {result.exclusions} "
        "exclusion(s). Nothing in it is checked yet."
    )
    print("\nNext steps:")
    print(
        f"  1. Edit {result.shown}: check every candidate against the seed, replace each "
        "TODO, delete 'draft: true'."
    )
    print(f"  2. {_command(args, 'validate')}   (until it reports no errors)")
    print(f"  3. {_command(args, 'coverage')}   (every number in the seed accounted for)")
    return 0


def _coverage(args: argparse.Namespace) -> int:
    factset = load_facts(args.project, coverage=False)
    report = curation.coverage_report(factset, project_paths(args.project))
    for line in report.lines:
        print(line)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    others = [error for error in factset.errors if error not in report.problems]
    if others:
        print(
            f"\nNote: {len(others)} other error(s); a fact with an error covers "
            f"nothing. See them with '{_command(args, 'validate')}'.",
            file=sys.stderr,
        )
    if report.problems:
        print(f"\n{len(report.problems)} number(s) or seed(s) not accounted for.", file=sys.stderr)
        return 1
    print("\nEvery number in every seed is covered by a fact or an exclusion.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        help="project folder holding seeds/ and facts/ (default: this repository)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every fact; print a summary or every error")
    export = commands.add_parser("export", help="write the tidy facts table")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    commands.add_parser("schema", help="write JSON Schema files for editors")
    add_seed = commands.add_parser(
        "add-seed", help="copy a document into seeds/ and register it in facts/register.yaml"
    )
    add_seed.add_argument("file", help="the document, UTF-8 text")
    add_seed.add_argument(
        "--partnership", required=True, help="the partnership it is about, e.g. UK–France"
    )
    add_seed.add_argument("--label", help="a short name for it (default: the file name)")
    add_seed.add_argument(
        "--country",
        action="append",
        help="a country it concerns (repeat; default: the partnership's countries)",
    )
    draft = commands.add_parser(
        "draft", help="write facts/<seed>.facts.yaml with draft candidates to review"
    )
    draft.add_argument("seed", help="the seed, e.g. seeds/005_example.txt")
    draft.add_argument("--force", action="store_true", help="replace an existing fact file")
    commands.add_parser(
        "coverage", help="every number in every seed, with the facts or exclusion covering it"
    )
    return parser


Handler = Callable[[argparse.Namespace], int]
HANDLERS: dict[str, Handler] = {
    "validate": _validate,
    "export": _export,
    "schema": _schema,
    "add-seed": _add_seed,
    "draft": _draft,
    "coverage": _coverage,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except FactError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # e.g. a folder that cannot be written
        print(f"{error.filename}: {error.strerror}", file=sys.stderr)
        return 1
