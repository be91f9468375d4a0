"""The command line, calling the same modules as the pages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard import exports, transforms
from dashboard.facts.load import load_facts
from dashboard.facts.schema_files import write_schema_files


def _validate(args: argparse.Namespace) -> int:
    factset = load_facts(args.project)
    table = transforms.facts_table(factset)
    if factset.errors:
        for error in factset.errors:
            print(error, file=sys.stderr)
        print(
            f"\n{len(factset.errors)} error(s); "
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
    return 0


def _export(args: argparse.Namespace) -> int:
    factset = load_facts(args.project)
    for error in factset.errors:
        print(error, file=sys.stderr)
    table = transforms.facts_table(factset)
    data = exports.to_csv(table) if args.format == "csv" else exports.to_json(table, factset)
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"Wrote {len(table)} facts to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 1 if factset.errors else 0


def _schema(args: argparse.Namespace) -> int:
    for path in write_schema_files():
        print(f"Wrote {path}")
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
    return parser


HANDLERS = {"validate": _validate, "export": _export, "schema": _schema}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return HANDLERS[args.command](args)
