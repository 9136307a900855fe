"""An ``--answers`` file: read whole, as a mapping of question id to answer, before
anything is saved. Besides the questions it may say which session (``session``,
``date``); what is wrong with those is said with the rest of its problems.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

from ketaprep.dates import Direction, parse_date
from ketaprep.errors import UsageError
from ketaprep.guides.files import FileProblem, YamlProblem, load_yaml, read_small_file
from ketaprep.store import FEWEST, MOST, number_problem
from ketaprep.walks.sessions import too_far_ahead

SESSION_KEYS = ("session", "date")  # an answers file may say which session, besides the items


def read_answers(path: Path) -> dict[str, object]:
    """An ``--answers`` file as a mapping of item id to answer, or one sentence why not."""
    try:
        text = read_small_file(path).decode("utf-8")
    except FileProblem as problem:
        raise UsageError(f"The answers file {path} {problem.reason}.") from None
    except UnicodeDecodeError:
        raise UsageError(
            f"The answers file {path} cannot be read: it is not UTF-8 text; nothing was saved."
        ) from None
    try:
        data = load_yaml(text)
    except YamlProblem as error:
        raise UsageError(f"The answers file {path} {error.reason}; nothing was saved.") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(
            f"The answers file {path} must map question ids to answers, like 'mood: 6'; "
            "nothing was saved."
        )
    return {str(key): value for key, value in data.items()}


def session_key_problems(script: Mapping[str, object], direction: Direction) -> list[str]:
    """What is wrong with an answers file's ``session`` and ``date`` keys."""
    problems = []
    session = script.get("session")
    if session is not None and number_problem(session):
        problems.append(f"'session' must be a whole number from {FEWEST} to {MOST}")
    if script.get("date") is not None:
        try:
            script_date(script["date"], direction)
        except UsageError:
            near = "tomorrow" if direction == "future" else "yesterday"
            problems.append(f"'date' must be a date like 2026-12-01, today or {near}")
        else:
            if direction == "future" and too_far_ahead(script_date(script["date"], direction)):
                problems.append("'date' must be a day within a year from today")
    return problems


def script_date(value: object, direction: Direction) -> datetime.date:
    """An answers file's ``date``: a YAML date, or text such as ``tomorrow``."""

    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return parse_date(value, direction=direction)
    raise UsageError("not a date")
