"""`oversight serve` under hostile clients: no client address in any log, slow clients
cannot starve the workers, and several instances on one machine do not collide.

Each test starts the real server (gunicorn) in a subprocess on 127.0.0.1 and talks
to it over raw sockets from 127.0.0.2, so that any occurrence of "127.0.0.2" in the
logs can only be the client's address.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CLIENT = "127.0.0.2"  # the whole 127/8 is loopback on Linux: a distinct client address
STATIC = "/static/portal/site.css"  # served without the database


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _connect(port: int, timeout: float = 5.0) -> socket.socket:
    sock = socket.socket()
    sock.settimeout(timeout)
    sock.bind((CLIENT, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def _exchange(port: int, raw: bytes, timeout: float = 5.0) -> bytes:
    with closing(_connect(port, timeout)) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def _get(port: int, path: str = STATIC, timeout: float = 5.0) -> bytes:
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    return _exchange(port, request.encode(), timeout)


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    home: Path
    var: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


# The test run's own database and async shortcut must not reach the deployment.
_NOT_PASSED = {"DATABASE_URL", "XDG_RUNTIME_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _NOT_PASSED}
    return env | {"HOME": str(tmp / "home"), "OVERSIGHT_VAR": str(tmp / "var"), "DEBUG": "0"}


@contextmanager
def serving(tmp: Path, *args: str, var: Path | None = None) -> Iterator[Server]:
    tmp.mkdir(parents=True, exist_ok=True)
    port, log = _free_port(), tmp / "server.log"
    env = _environment(tmp) | ({"OVERSIGHT_VAR": str(var)} if var else {})
    command = [sys.executable, "-m", "oversight", "serve", f"--bind=127.0.0.1:{port}", *args]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(port, process, log, tmp / "home", Path(env["OVERSIGHT_VAR"]))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, server.log_text()
            try:
                if _get(port, timeout=2).startswith(b"HTTP/1.1 200"):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail(f"the server did not start:\n{server.log_text()}")
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving(tmp_path_factory.mktemp("serve"), "--workers=1") as running:
        yield running


MALFORMED = {
    "bad Content-Length": b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
    "overlong request line": b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "bad header name": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad\x01Name: x\r\n\r\n",
}


def test_it_logs_no_client_address_for_malformed_requests(server: Server) -> None:
    for name, raw in MALFORMED.items():
        assert _exchange(server.port, raw).startswith(b"HTTP/1.1 4"), name
    time.sleep(0.5)  # let the worker flush its log lines
    logged = server.log_text()
    assert "Invalid request" in logged  # gunicorn did log them: the check below means something
    assert CLIENT not in logged, logged
    # The filter masks addresses, not the access log's times.
    assert re.search(r'\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET /static/', logged)


def test_slow_clients_do_not_starve_the_worker(server: Server) -> None:
    """A handful of clients that send half a request and stall (slowloris) must not
    keep a normal request waiting: with one worker, it still answers at once."""
    slow = [_connect(server.port, timeout=30) for _ in range(6)]
    try:
        for sock in slow:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        time.sleep(0.5)  # the worker has picked them up
        started = time.monotonic()
        assert _get(server.port, timeout=5).startswith(b"HTTP/1.1 200")
        assert time.monotonic() - started < 3
        # The stalled ones are dropped after the header timeout, freeing their threads.
        started = time.monotonic()
        try:
            answer = slow[0].recv(1024)
        except ConnectionResetError:
            answer = b""
        assert answer == b"" or answer.startswith(b"HTTP/1.1 4"), answer
        assert time.monotonic() - started < 15
    finally:
        for sock in slow:
            sock.close()
    assert server.process.poll() is None
    logged = server.log_text()
    assert "stalled in the middle of a request" in logged
    assert "Traceback" not in logged and CLIENT not in logged


def test_several_instances_each_have_their_own_control_socket(tmp_path: Path) -> None:
    shared_var = tmp_path / "var"
    with (
        serving(tmp_path / "a", "--workers=1", var=shared_var) as first,
        serving(tmp_path / "b", "--workers=1", var=shared_var) as second,
    ):
        sockets = sorted(p.name for p in (shared_var / "run").glob("*.ctl"))
        assert sockets == sorted(f"gunicorn-{s.process.pid}.ctl" for s in (first, second)), sockets
        assert not (first.home / ".gunicorn" / "gunicorn.ctl").exists()
        assert _get(first.port).startswith(b"HTTP/1.1 200")
        assert _get(second.port).startswith(b"HTTP/1.1 200")
        assert (shared_var / "run").stat().st_mode & 0o777 == 0o700
