"""Headless Chromium, driven over its DevTools pipe (no port, no network): open a page,
print it to PDF, take a screenshot, and hear every request and console message.

``--remote-debugging-pipe`` makes Chromium read commands on its file descriptor 3 and
answer on 4, each message JSON ended by a NUL byte. Debian's ``chromium`` package is the
browser; without it the tests that need one are skipped, except in CI (``CI=true``),
where a missing browser is a failure: CI's script installs it.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

WAIT_S = 30.0


def chromium_or_skip() -> str:
    """The browser's path; skips the test when it is not installed (fails in CI)."""
    found = shutil.which("chromium")
    if found:
        return found
    reason = "headless Chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI must run the page tests")
    pytest.skip(reason)


@dataclass
class Visit:
    """What happened while a page was open."""

    pdf: bytes = b""
    screenshot: bytes = b""
    requests: list[str] = field(default_factory=list)  # every URL asked for
    problems: list[str] = field(default_factory=list)  # console errors, exceptions, log errors


def visit(page: Path, *, width: int = 900, height: int = 1200) -> Visit:
    """Open ``page`` (a local file) in headless Chromium; print it to A4 PDF and take a
    screenshot of the top of it, at ``width`` x ``height`` CSS pixels."""
    with _Browser(chromium_or_skip()) as browser:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)
        tab = session["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            browser.call(f"{domain}.enable", session=tab)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session=tab,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.call("Page.navigate", session=tab, url=page.resolve().as_uri())
        browser.wait_for("Page.loadEventFired")
        shot = browser.call("Page.captureScreenshot", session=tab, format="png")
        pdf = browser.call(
            "Page.printToPDF",
            session=tab,
            paperWidth=8.27,
            paperHeight=11.69,  # A4, in inches
            printBackground=True,
            preferCSSPageSize=True,
        )
        return Visit(
            pdf=base64.b64decode(pdf["data"]),
            screenshot=base64.b64decode(shot["data"]),
            requests=browser.requests,
            problems=browser.problems,
        )


def page_count(pdf: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


class _Browser:
    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="kp-chromium-")
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def on_fds_3_and_4() -> None:  # in the child, before exec
            reading, writing = os.dup(commands_read), os.dup(answers_write)  # clear of 3, 4
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self._process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",  # CI runs as root, where the sandbox cannot start
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=on_fds_3_and_4,
        )
        os.close(commands_read)
        os.close(answers_write)
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self.problems: list[str] = []

    def __enter__(self) -> _Browser:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._send({"id": 0, "method": "Browser.close"})
        except OSError:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        os.close(self._answers)
        shutil.rmtree(self._profile, ignore_errors=True)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._send(message)
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise AssertionError(f"{method}: {answer['error']}")
                return dict(answer.get("result", {}))

    def wait_for(self, event: str) -> None:
        while not any(seen.get("method") == event for seen in self._events):
            self._receive()

    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._commands, json.dumps(message).encode() + b"\0")

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT_S
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._answers], [], [], max(left, 0))
            if not ready:
                raise AssertionError(f"Chromium said nothing for {WAIT_S:.0f} s")
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise AssertionError("Chromium closed its pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if "method" in message:
            self._events.append(message)
            self._note(message["method"], message.get("params", {}))
        return message

    def _note(self, method: str, params: dict[str, Any]) -> None:
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
            self.problems.append(f"console {params['type']}: {params['args']}")
        elif method == "Runtime.exceptionThrown":
            self.problems.append(f"exception: {params['exceptionDetails']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            self.problems.append(f"log {params['entry']['level']}: {params['entry']['text']}")
