"""How right the draft is: each seed's draft against its curated fact file.

    .venv/bin/python scripts/draft_accuracy.py [PROJECT] [--details]

PROJECT defaults to tests/fixtures/curation, five articles of different kinds curated by
hand. Prints the table that README.md shows ('How right the draft is'); ``--details``
adds, for each seed, what had to be fixed in each candidate, the candidates to delete and
the facts no candidate stands for. The counts are defined in dashboard/curation/accuracy.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.curation.accuracy import measure, table

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "curation"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", type=Path, default=FIXTURE)
    parser.add_argument("--details", action="store_true", help="what differed, per seed")
    args = parser.parse_args()
    results = measure(args.project)
    print(table(results))
    if args.details:
        for result in results:
            print(f"\n{result.seed}")
            for fix in result.fixes:
                print(f"  fixed  {fix}")
            for wrong in result.wrongs:
                print(f"  wrong  {wrong}")
            for miss in result.misses:
                print(f"  missed {miss}")


if __name__ == "__main__":
    main()
