"""Throw-away servers on loopback for the deployment test and the benchmark: PostgreSQL, Redis, gunicorn.

Each runs from its own temporary folder on a free port of 127.0.0.1 (PostgreSQL on a Unix socket), with
debug off and the production settings, and is stopped by whoever started it. Nothing here listens on
another address or touches a server it did not start.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_binaries():
    """What a run with PostgreSQL and Redis needs and this machine lacks (`make system-packages` installs it)."""
    missing = [name for name in ("redis-server",) if shutil.which(name) is None]
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        missing.append("postgresql")
    if not GUNICORN.exists():
        missing.append("gunicorn")
    return missing


def postgres_bin():
    """The newest installed PostgreSQL's bin folder (pg_dump, pg_restore, createdb)."""
    return sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]


def production_env(**extra):
    """The environment of a production start on loopback: debug off, plain HTTP, our own folders."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PG_TEST", "CACHE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        # Not a developer's .env (`make run`'s): only what is set here.
        DJANGO_ENV_FILE="",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="loopback-only-secret-key-0123456789-0123456789-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies without the Secure flag.
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, check=True):
    return subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True
    )


class Redis:
    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="portal-redis-")
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", self.dir, "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _stop_if_failing(self, _wait_for_port, self.port, self.process)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def cpu_seconds(self):
        return _cpu_ticks(self.process.pid) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        _stop(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


class PostgreSQL:
    """A server of its own through scripts/pg-test-server, with an empty database `portal`."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="portal-pg-")
        self.port = free_port()
        self.env = {**os.environ, "PG_TEST_DIR": self.dir, "PG_TEST_PORT": str(self.port)}
        script = str(ROOT / "scripts" / "pg-test-server")
        _stop_if_failing(self, subprocess.run, [script, "start"], env=self.env, check=True, capture_output=True)
        _stop_if_failing(self, self._create_database)
        self.url = f"postgres://postgres@/portal?host={self.dir}&port={self.port}"

    def _create_database(self):
        import psycopg

        with psycopg.connect(host=self.dir, port=self.port, user="postgres", dbname="postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE portal")

    def stop(self):
        subprocess.run([str(ROOT / "scripts" / "pg-test-server"), "stop"], env=self.env, capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class Site:
    """PostgreSQL and Redis of its own and the production environment over them, migrated, with static files
    collected and the demo data loaded; every server started through it is stopped on leaving."""

    def __init__(self, **extra_env):
        self.extra_env = extra_env
        self.started = []

    def start(self, server):
        self.started.append(server)
        return server

    def __enter__(self):
        try:
            self.postgres = self.start(PostgreSQL())
            self.redis = self.start(Redis())
            self.env = production_env(DATABASE_URL=self.postgres.url, CACHE_URL=self.redis.url, **self.extra_env)
            for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
                manage(self.env, *command)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info):
        for server in reversed(self.started):
            server.stop()


class Gunicorn:
    """gunicorn with the project's config (portal/gunicorn.py), its output in `log`."""

    def __init__(self, env, workers=None, access_log=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="portal-gunicorn-", suffix=".log")[1])
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        if workers:  # otherwise the config's own rule (two per core plus one)
            env["GUNICORN_WORKERS"] = str(workers)
        # The access log would time the benchmark's writes to a file too: off unless asked for.
        env["GUNICORN_ACCESS_LOG"] = access_log or "/dev/null"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "-c", "portal/gunicorn.py", "portal.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _stop_if_failing(self, _wait_for_http, self.url + "/robots.txt", self.process, self.log)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def cpu_seconds(self):
        """CPU used so far by gunicorn: the master, its live workers, and workers already recycled."""
        ticks = _cpu_ticks(self.process.pid, children=True)
        for pid in self.worker_pids():
            ticks += _cpu_ticks(pid)
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self):
        _stop(self.process)


def _cpu_ticks(pid, children=False):
    """utime + stime (and cutime + cstime: children waited for) from /proc/<pid>/stat, in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # a worker that has just been recycled: its time is in the master's cutime
        return 0
    # fields[0] is the state (field 3 of proc(5)); utime, stime, cutime, cstime are fields 14–17.
    return sum(int(value) for value in fields[11 : 15 if children else 13])


def _wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def _wait_for_http(url, process, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"{url} does not answer after {seconds} s:\n{log.read_text()[-3000:]}")


def _stop_if_failing(server, step, *args, **kwargs):
    """A step of a server's start; if it fails (or is interrupted), the server is stopped before the error goes
    on: nobody holds a server that never finished starting, so nobody else would stop it."""
    try:
        return step(*args, **kwargs)
    except BaseException:
        server.stop()
        raise


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
