"""Several replicas of the dashboard behind nginx, on this machine's loopback.

    make replicas [REPLICAS=2] [PORT=8080]
    .venv/bin/python scripts/replicas.py [--replicas 2] [--port 8080] [--project DIR]

Starts N `streamlit run dashboard/app.py` replicas on free loopback ports, then
Debian's nginx in front of them with deploy/nginx.conf, the configuration the README
shows, its `listen` and `server` lines set to this run's ports. nginx runs as an
ordinary process of the current user: its prefix, temporary folders, pid file and logs
are in a temporary folder (printed at start, removed at the end), and `daemon off`
keeps it in the foreground of this script. Ctrl-C stops everything.

tests/test_replicas.py and `make bench` use the same code (``deployment``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_DIR = SCRIPTS_DIR.parent
sys.path.insert(0, str(SCRIPTS_DIR))

import load_test  # noqa: E402

NGINX_CONF = REPO_DIR / "deploy" / "nginx.conf"
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")
INSTALL_HINT = "install Debian's package: apt-get install nginx"
DEFAULT_PORT = 8080

# The lines of deploy/nginx.conf that name this run's ports: the address nginx listens
# on, and one `server` line per replica in the upstream block.
LISTEN_LINE = re.compile(r"^(?P<indent>\s*)listen 127\.0\.0\.1:\d+;$")
SERVER_LINE = re.compile(r"^(?P<indent>\s*)server 127\.0\.0\.1:\d+(?P<parameters>[^;]*);$")

# nginx's own settings when it runs as an ordinary process; the dashboard's part is
# deploy/nginx.conf, included. The access log says which replica served each request
# and for whom (the load test names its sessions in their User-Agent).
MAIN_CONF = """\
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    client_body_temp_path {folder}/temp/client_body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
    include {site};
    log_format replicas escape=json
        '{{"time":$msec,"status":$status,"upstream":"$upstream_addr",'
        '"uri":"$request_uri","agent":"$http_user_agent","key":"$dashboard_replica"}}';
    access_log {folder}/access.log replicas;
}}
"""


class NginxMissing(RuntimeError):
    """No nginx on this machine."""


def find_nginx() -> str | None:
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def site_config(listen_port: int, replica_ports: list[int], text: str | None = None) -> str:
    """deploy/nginx.conf (or ``text``) with nginx listening on ``listen_port`` and one
    upstream `server` line per replica port; every other line as it is."""
    lines = (NGINX_CONF.read_text(encoding="utf-8") if text is None else text).splitlines()
    listens = [number for number, line in enumerate(lines) if LISTEN_LINE.match(line)]
    servers = [number for number, line in enumerate(lines) if SERVER_LINE.match(line)]
    if len(listens) != 1 or not servers or servers != list(range(servers[0], servers[-1] + 1)):
        raise ValueError(
            f"{NGINX_CONF.name}: expected one `listen 127.0.0.1:PORT;` line and one block of "
            "`server 127.0.0.1:PORT ...;` lines (one per replica)"
        )
    listen = LISTEN_LINE.match(lines[listens[0]])
    server = SERVER_LINE.match(lines[servers[0]])
    assert listen is not None and server is not None
    lines[listens[0]] = f"{listen['indent']}listen 127.0.0.1:{listen_port};"
    replicas = [
        f"{server['indent']}server 127.0.0.1:{port}{server['parameters']};"
        for port in replica_ports
    ]
    lines[servers[0] : servers[-1] + 1] = replicas
    return "\n".join(lines) + "\n"


@dataclass
class Replica:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def upstream(self) -> str:
        """How nginx's $upstream_addr names it."""
        return f"127.0.0.1:{self.port}"


@dataclass
class Deployment:
    """N replicas and nginx in front of them at ``url``."""

    url: str
    replicas: list[Replica]
    nginx: subprocess.Popen[bytes]
    folder: Path  # nginx's prefix: its configuration, pid file, logs and temp folders

    @property
    def server_pids(self) -> tuple[int, ...]:
        """The processes that serve: every replica and nginx (for their CPU time)."""
        return (*(replica.process.pid for replica in self.replicas), self.nginx.pid)

    def kill_replica(self, index: int) -> None:
        """Kill a replica at once (SIGKILL), as a crash would."""
        process = self.replicas[index].process
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def replica_named(self, upstream: str) -> int | None:
        """The index of the replica nginx's $upstream_addr names last (after a failed
        try it lists every replica tried: "127.0.0.1:A, 127.0.0.1:B")."""
        answered = upstream.split(",")[-1].strip()
        for index, replica in enumerate(self.replicas):
            if replica.upstream == answered:
                return index
        return None

    def access_log(self) -> list[dict[str, Any]]:
        """nginx's access log so far: one dict per request (see MAIN_CONF)."""
        path = self.folder / "access.log"
        if not path.exists():
            return []
        text = path.read_text(encoding="utf-8", errors="replace")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def error_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As nginx binds: connections of a previous run waiting to close do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start_nginx(
    folder: Path, listen_port: int, replica_ports: list[int]
) -> subprocess.Popen[bytes]:
    nginx = find_nginx()
    if nginx is None:
        raise NginxMissing(f"no nginx found ({INSTALL_HINT})")
    (folder / "temp").mkdir(exist_ok=True)
    site = folder / "dashboard.conf"
    site.write_text(site_config(listen_port, replica_ports), encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(MAIN_CONF.format(folder=folder, site=site), encoding="utf-8")
    # -e: the error log from the very start (before the configuration is read, nginx
    # would write to /var/log/nginx/, which an ordinary user may not).
    command = [nginx, "-p", str(folder), "-c", str(main), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx refuses its configuration:\n{checked.stderr}")
    with (folder / "nginx.out").open("wb") as output:
        return subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop_nginx(process: subprocess.Popen[bytes]) -> None:
    """SIGQUIT: finish the open requests, then stop (its workers with it)."""
    load_test.stop(process, signal.SIGQUIT)


@contextmanager
def deployment(
    replicas: int = 2,
    *,
    script: str = load_test.DASHBOARD.script,
    project: Path | None = None,
    port: int | None = None,
    keep_folder: bool = False,
) -> Iterator[Deployment]:
    """Start ``replicas`` replicas of ``script`` and nginx in front of them on
    ``port`` (a free one unless given); stop them all (and remove nginx's folder unless
    ``keep_folder``) when done, whatever happened."""
    if find_nginx() is None:
        raise NginxMissing(f"no nginx found ({INSTALL_HINT})")
    folder = Path(tempfile.mkdtemp(prefix="dashboard-replicas-"))
    # When started as root, nginx's workers run as an unprivileged user: they must be
    # able to reach their temporary folders in here.
    folder.chmod(0o755)
    with ExitStack() as cleanup:
        if not keep_folder:
            cleanup.callback(shutil.rmtree, folder, ignore_errors=True)
        started: list[Replica] = []
        for number in range(replicas):
            log = folder / f"replica-{number}.log"
            process, url = load_test.start_streamlit(script, project, log)
            cleanup.callback(load_test.stop, process)
            started.append(Replica(process, int(url.rsplit(":", 1)[1]), log))
        for replica in started:
            try:
                load_test.wait_healthy(replica.url, replica.process)
            except RuntimeError as error:
                tail = replica.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"replica {replica.url}: {error}\n{tail}") from None
        listen_port = load_test.free_loopback_port() if port is None else port
        if not port_is_free(listen_port):
            raise RuntimeError(f"127.0.0.1:{listen_port} is in use: choose another port")
        nginx = start_nginx(folder, listen_port, [replica.port for replica in started])
        cleanup.callback(stop_nginx, nginx)
        running = Deployment(f"http://127.0.0.1:{listen_port}", started, nginx, folder)
        try:
            load_test.wait_healthy(running.url, nginx, timeout=30)
        except RuntimeError as error:
            raise RuntimeError(f"nginx at {running.url}: {error}\n{running.error_log()}") from None
        yield running


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="nginx's, on 127.0.0.1")
    parser.add_argument("--project", type=Path, help="seeds/ and facts/ to serve")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    stopping = False

    def stop_on_signal(number: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        with deployment(args.replicas, project=args.project, port=args.port) as running:
            for number, replica in enumerate(running.replicas):
                print(f"replica {number}: {replica.url} (pid {replica.process.pid})")
            print(f"nginx: {running.url} (pid {running.nginx.pid}, files in {running.folder})")
            print(f"open {running.url}/ ; Ctrl-C stops everything", flush=True)
            gone: set[int] = set()
            while not stopping:
                if running.nginx.poll() is not None:
                    print(f"nginx stopped:\n{running.error_log()}", file=sys.stderr)
                    return 1
                for number, replica in enumerate(running.replicas):
                    if number not in gone and replica.process.poll() is not None:
                        gone.add(number)  # nginx sends its visitors to the others
                        print(f"replica {number} stopped ({replica.process.returncode})")
                time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    except (NginxMissing, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
