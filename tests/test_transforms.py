"""Transforms: the tidy table's types and the frames the pages draw."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import transforms
from dashboard.facts.load import load_facts


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return transforms.facts_table(load_facts())


def test_columns_and_dtypes_are_stable(table: pd.DataFrame) -> None:
    assert {name: str(dtype) for name, dtype in table.dtypes.items()} == transforms.COLUMNS
    assert {name: str(d) for name, d in transforms.empty_table().dtypes.items()} == (
        transforms.COLUMNS
    )


def test_one_row_per_fact(table: pd.DataFrame) -> None:
    assert table["fact_id"].is_unique and len(table) == len(load_facts().facts)


@pytest.mark.parametrize(
    ("frame", "expected_ids"),
    [
        (
            "crossings_totals",
            ["uk-crossings-2023-total-above-2024-to-date", "uk-crossings-2024-to-date"],
        ),
        (
            "crossings_one_day",
            [
                "uk-crossings-one-day-people",
                "uk-crossings-one-day-boats",
                "uk-crossings-one-day-people-per-boat",
            ],
        ),
        (
            "deportations_and_returns",
            [
                "tr-deportations-2021-implied",
                "tr-deportations-2022",
                "tr-syrian-voluntary-returns-2022",
            ],
        ),
        ("deportation_changes", ["tr-deportations-increase-on-2021"]),
        (
            "bibby_stockholm",
            [
                "uk-bibby-stockholm-first-boarded",
                "uk-bibby-stockholm-expected",
                "uk-bibby-stockholm-reprieved",
            ],
        ),
    ],
)
def test_frames_select_their_facts(
    table: pd.DataFrame, frame: str, expected_ids: list[str]
) -> None:
    result = getattr(transforms, frame)(table)
    assert result["fact_id"].tolist() == expected_ids
    assert list(result.columns) == list(table.columns)


def test_bound_keeps_its_value_missing(table: pd.DataFrame) -> None:
    bound = transforms.crossings_totals(table).iloc[0]
    assert pd.isna(bound["value"]) and bound["lower"] == 29154 and bound["exactness"] == "bound"


def test_precision_gives_spans(table: pd.DataFrame) -> None:
    events = transforms.timeline_events(table).set_index("fact_id")
    summer = events.loc["al-taskforce-summer-2023-operation"]
    assert (summer["period_start"], summer["period_end"], summer["shape"]) == (
        pd.Timestamp("2023-06-01"),
        pd.Timestamp("2023-08-31"),
        "span",
    )
    day = events.loc["uk-hewitt-appointed"]
    assert day["shape"] == "point" and day["period_label"] == "7 October 2024"


def test_undated_events_sit_at_publication_and_say_so(table: pd.DataFrame) -> None:
    events = transforms.timeline_events(table).set_index("fact_id")
    undated = events.loc["al-uk-agrees-enhanced-partnership"]
    assert undated["dated_by"] == "publication"
    assert undated["period_label"] == "not dated; reported on 26 October 2024"
    recently = events.loc["tr-jenrick-met-partners"]
    assert recently["period_label"] == (
        "recently: not dated; reported between 1 January 2023 and 31 August 2023"
    )


@pytest.mark.parametrize(
    ("partnerships", "topics", "expected"),
    [
        (["UK–Albania"], None, {"UK–Albania"}),
        (["UK–Türkiye"], ["meetings"], {"UK–Türkiye"}),
    ],
)
def test_timeline_filters(
    table: pd.DataFrame, partnerships: list[str], topics: list[str] | None, expected: set[str]
) -> None:
    events = transforms.timeline_events(table, partnerships, topics)
    assert set(events["partnership"]) == expected
    if topics:
        assert set(events["topic"]) == set(topics)
    assert len(events) > 0


def test_timeline_with_no_matching_filter_is_empty_not_an_error(table: pd.DataFrame) -> None:
    assert transforms.timeline_events(table, ["nowhere"]).empty


def test_summary_counts(table: pd.DataFrame) -> None:
    counts = transforms.summary(table)
    assert counts["per_seed"] == {"000_ed660ce8024e48cd.txt": 14, "004_040e6e274c70a35f.txt": 20}
    assert counts["derived"] == {"derived": 2}


def test_no_conflicts_give_an_empty_table_with_the_usual_columns() -> None:
    factset = load_facts()
    assert factset.conflicts == []
    frame = transforms.conflicts_table(factset)
    assert frame.empty
    assert dict(frame.dtypes.astype(str)) == {
        name: str(pd.Series([], dtype=dtype).dtype)
        for name, dtype in transforms.CONFLICT_COLUMNS.items()
    }
