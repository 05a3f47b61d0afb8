"""Start and stop the production stack (scripts/serve-production.sh) on loopback, for tests and the load test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

REPO_ROOT = Path(__file__).resolve().parents[1]
RUNTIME_PASSWORD = "loopback-only"


class StackFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Stack:
    base_url: str
    log: Path
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def runtime_url(owner_url: str, role: str) -> str:
    """The owner's URL with the runtime role (and its loopback-only password) in its place."""
    scheme, rest = owner_url.split("://", 1)
    host_and_db = rest.split("@", 1)[-1]
    return f"{scheme}://{role}:{RUNTIME_PASSWORD}@{host_and_db}"


@contextmanager
def production_stack(
    owner_url: str,
    workdir: Path,
    *,
    role: str = "joinedup_app",
    web_concurrency: int = 2,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Stack]:
    """The stack serving ``owner_url``'s database as ``role``; stopped (every process) on exit."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "loopback-production-stack-key-not-a-secret-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",  # plain HTTP on loopback only
        "OWNER_DATABASE_URL": owner_url,
        "DATABASE_URL": runtime_url(owner_url, role),
        "RUNTIME_DB_ROLE": role,
        "RUNTIME_DB_PASSWORD": RUNTIME_PASSWORD,
        "RUNTIME_DB_PASSWORD_ENV": "RUNTIME_DB_PASSWORD",
        "STATIC_ROOT": str(workdir / "static"),
        "PORT": str(port),
        "WEB_CONCURRENCY": str(web_concurrency),
        "LOG_LEVEL": "INFO",
        **(extra_env or {}),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = workdir / "stack.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(REPO_ROOT / "scripts" / "serve-production.sh")],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack = Stack(f"http://127.0.0.1:{port}", log, process)
    try:
        wait_ready(stack)
        yield stack
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_ready(stack: Stack, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stack.process.poll() is not None:
            raise StackFailed(
                f"the production start exited ({stack.process.returncode}):\n{stack.log.read_text()[-3000:]}"
            )
        try:
            with urlopen(f"{stack.base_url}/health/ready", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise StackFailed(f"not ready after {seconds} s:\n{stack.log.read_text()[-3000:]}")
