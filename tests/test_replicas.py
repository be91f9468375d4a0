"""Replicas behind nginx, run as the README says (deploy/nginx.conf, scripts/replicas.py).

The load test's protocol sessions go through nginx. Each keeps its cookies as a browser
does and names itself in its User-Agent, so nginx's access log tells which replica
served which session's requests: page, websocket and CSV download. A download lives in
the memory of the replica that made it; a session that reached another replica would
get a 404, and the load test compares every download's bytes with the chart's data.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest

from dashboard.paths import REPO_DIR
from tests.conftest import load_test_module
from tests.hosting_support import replicas_module, require_nginx

load_test = load_test_module()
replicas = replicas_module()

SESSIONS = 60
REPLICAS = 2
RUN_TIMEOUT_S = 400.0  # 60 sessions over 2 replicas take about 1-2 min on 2 cores
STEP_TIMEOUT_S = 180.0
SESSION_AGENT = re.compile(r"\(session (\d+)\)$")
README_NGINX_BLOCK = re.compile(r"```nginx\n(.*?)```", re.S)


def sessions_by_replica(deployment: Any) -> dict[int, set[int | None]]:
    """session number -> the replicas that answered its requests, from nginx's log."""
    served: dict[int, set[int | None]] = defaultdict(set)
    for request in deployment.access_log():
        named = SESSION_AGENT.search(request["agent"])
        if named:
            served[int(named[1])].add(deployment.replica_named(request["upstream"]))
    return served


def websocket_replicas(deployment: Any) -> dict[int, int | None]:
    """session number -> the replica its websocket was on (nginx logs a websocket
    when it closes)."""
    found = {}
    for request in deployment.access_log():
        named = SESSION_AGENT.search(request["agent"])
        if named and request["uri"] == load_test.STREAM_PATH and request["status"] == 101:
            found[int(named[1])] = deployment.replica_named(request["upstream"])
    return found


# ---------------------------------------------------------------------------
# The configuration: one file, shown in the README, run with this run's ports


def test_the_readme_shows_the_configuration_that_runs() -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    blocks = README_NGINX_BLOCK.findall(readme)
    assert blocks == [replicas.NGINX_CONF.read_text(encoding="utf-8")]


def test_a_run_changes_only_the_ports() -> None:
    original = replicas.NGINX_CONF.read_text(encoding="utf-8").splitlines()
    rendered = replicas.site_config(18080, [18501, 18502, 18503]).splitlines()
    servers = [line.strip() for line in rendered if line.strip().startswith("server 127.")]
    assert [line.split()[1] for line in servers] == [
        "127.0.0.1:18501",
        "127.0.0.1:18502",
        "127.0.0.1:18503",
    ]
    listens = [line.strip() for line in rendered if line.strip().startswith("listen")]
    assert listens == ["listen 127.0.0.1:18080;"]
    kept = [line for line in original if not replicas.SERVER_LINE.match(line)]
    kept = [line for line in kept if not replicas.LISTEN_LINE.match(line)]
    assert [line for line in rendered if line in kept] == kept
    assert len(rendered) == len(original) + 1  # one more replica than the file's two


@pytest.mark.parametrize(
    "text",
    [
        "server {\n    listen 80;\n}\n",  # no loopback listen line
        "upstream u {\n    server 127.0.0.1:1;\n    # gap\n    server 127.0.0.1:2;\n}\n"
        "server {\n    listen 127.0.0.1:3;\n}\n",
    ],
)
def test_a_configuration_of_another_shape_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape("expected one `listen 127.0.0.1:PORT;` line")):
        replicas.site_config(1, [2], text)


# ---------------------------------------------------------------------------
# 60 sessions over 2 replicas


@pytest.fixture(scope="module")
def deployment() -> Iterator[Any]:
    require_nginx()
    with replicas.deployment(REPLICAS) as running:
        yield running


@pytest.mark.slow
def test_sixty_sessions_over_two_replicas_each_stay_on_one(deployment: Any) -> None:
    report = load_test.run(
        deployment.url,
        clients="protocol",
        sessions=SESSIONS,
        timeout_s=RUN_TIMEOUT_S,
        step_timeout_s=STEP_TIMEOUT_S,
        server_pids=deployment.server_pids,
    )
    load_test.print_report(report)
    assert report.errors == []
    assert report.visits == SESSIONS * len(load_test.DASHBOARD.route)
    # Every download reached the replica that made it: byte for byte the chart's data.
    assert report.downloads == SESSIONS
    served = sessions_by_replica(deployment)
    assert sorted(served) == list(range(SESSIONS))
    # Sticky: all of a session's requests went to one replica, and both served.
    assert all(len(replicas_used) == 1 for replicas_used in served.values())
    per_replica = defaultdict(list)
    for session, replicas_used in served.items():
        per_replica[next(iter(replicas_used))].append(session)
    print({replica: len(sessions) for replica, sessions in sorted(per_replica.items())})
    assert sorted(per_replica) == list(range(REPLICAS))


# ---------------------------------------------------------------------------
# A replica dies mid-run


@pytest.mark.slow
def test_when_a_replica_dies_the_sessions_on_the_other_carry_on() -> None:
    require_nginx()
    sessions = 24
    pages = len(load_test.DASHBOARD.route)
    killed = 0
    killed_at: list[float] = []

    with replicas.deployment(REPLICAS) as running:

        async def kill_a_replica_mid_run(report: Any) -> None:
            # Once a third of the pages are drawn: every session has started, none is done.
            while report.visits < sessions * pages // 3:
                await asyncio.sleep(0.05)
            killed_at.append(time.time())
            await asyncio.to_thread(running.kill_replica, killed)

        report = load_test.run(
            running.url,
            clients="protocol",
            sessions=sessions,
            timeout_s=RUN_TIMEOUT_S,
            step_timeout_s=STEP_TIMEOUT_S,
            during=kill_a_replica_mid_run,
        )
        load_test.print_report(report)
        on_websocket = websocket_replicas(running)
        log = running.access_log()

    assert killed_at, "the replica was never killed: the run ended first"
    live = 1 - killed
    lost = sorted(report.failed_sessions)
    on_live = [session for session, replica in on_websocket.items() if replica == live]
    print(f"sessions lost with replica {killed}: {len(lost)}; on replica {live}: {len(on_live)}")
    # The kill cut sessions short: they had their websocket on the dead replica ...
    assert lost and all(on_websocket.get(session) == killed for session in lost)
    # ... while every session on the live one, some of them running when it happened,
    # carried on to its last page with no error at all.
    assert not set(lost) & set(on_live)
    running_at_kill = {
        int(match[1])
        for request in log
        if request["uri"] == load_test.STREAM_PATH
        and request["time"] > killed_at[0]
        and (match := SESSION_AGENT.search(request["agent"]))
        and running.replica_named(request["upstream"]) == live
    }
    assert running_at_kill
