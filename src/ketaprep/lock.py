"""``ketaprep lock``: the journal encrypted with a passphrase; ``--change`` gives it
another, ``--remove`` makes it a plain file again (after asking).

What the person is told comes from here; the journal's conversion, and everything that
knows about encryption, is the store's (``ketaprep.store.locking``).
"""

from __future__ import annotations

from ketaprep import passphrase
from ketaprep.ask import asker_for
from ketaprep.ask.base import Asker, ask_until_valid
from ketaprep.ask.editor import left_behind
from ketaprep.ask.first import agreed, need_a_terminal, say, stopped
from ketaprep.errors import UsageError
from ketaprep.guides.model import Item
from ketaprep.paths import get_paths
from ketaprep.store.locked import is_locked
from ketaprep.store.locking import change_passphrase, journal_state, lock_journal, remove_lock

ALREADY = (
    "Your journal is already locked. To give it another passphrase: ketaprep lock "
    "--change. To make it a plain file again: ketaprep lock --remove."
)
NOT_LOCKED = (
    "Your journal is not locked, so there is no passphrase to {}. To lock it: ketaprep lock."
)
REMOVE_NO_TERMINAL = (
    "ketaprep lock --remove asks before it unlocks your journal, and there is no "
    "terminal to ask in. To unlock it without being asked, add --yes."
)
PLAN_QUESTION = (
    "Keep your safety plan readable without the passphrase, so help-now can always "
    "show it? It is then kept in a small separate file that only you can read, but "
    "that is not locked."
)


def run(*, change: bool, remove: bool, yes: bool, plain: bool, asker: Asker | None = None) -> int:
    """The exit code: 130 after Ctrl-C at a question, else 0."""
    if change and remove:
        raise UsageError("Please choose one: --change or --remove.")
    paths = get_paths()
    locked = is_locked(paths.database)
    if (remove or change) and not locked:
        raise UsageError(NOT_LOCKED.format("remove" if remove else "change"))
    if not (remove or change) and locked:
        raise UsageError(ALREADY)
    state = journal_state(paths)  # opens the journal: asks the passphrase when locked
    if remove or change:
        return _remove(yes, plain, asker) if remove else _change()
    return _lock(state.has_plan, plain, asker)


def _lock(has_plan: bool, plain: bool, asker: Asker | None) -> int:
    say(passphrase.NOBODY_CAN_RECOVER)
    try:
        new = passphrase.new_passphrase()
        keep_plan = _keep_plan(plain, asker) if has_plan else True
    except KeyboardInterrupt:
        return stopped("Stopped. Your journal was not locked.")
    say("Locking your journal...")
    lock_journal(get_paths(), new, keep_plan=keep_plan)
    say(
        "Locked. ketaprep asks for the passphrase once each time it opens your journal. "
        "ketaprep help-now never asks for it."
    )
    if has_plan:
        say(
            "Your safety plan stays readable without it, for help-now."
            if keep_plan
            else "Your safety plan is locked too: help-now shows the crisis lines without it."
        )
    _say_if_editor_text_left()
    return 0


def _say_if_editor_text_left() -> None:
    """Text an editor held when ketaprep was stopped is still in its file on disk until
    the walk it belongs to keeps it (then locked with the rest)."""
    if left_behind():
        say(
            "ketaprep was stopped once while you were writing in your editor, and that "
            "text is still in a file on disk. Run the walk it belongs to once (ketaprep "
            "journal, prepare or checkin) to keep it in your journal, locked."
        )


def _keep_plan(plain: bool, asker: Asker | None) -> bool:
    """The person's answer; yes unless they say no, and yes when nobody can be asked."""
    if asker is None and not passphrase.in_a_terminal():
        return True

    question = Item(id="keep_plan", type="confirm", prompt=PLAN_QUESTION)
    return ask_until_valid(question, asker or asker_for(plain), True) is not False


def _change() -> int:
    try:
        new = passphrase.new_passphrase(also_in_file=False)
    except KeyboardInterrupt:
        return stopped("Stopped. Your passphrase was not changed.")
    say("Changing the passphrase...")
    change_passphrase(get_paths(), new)
    say(passphrase.NOBODY_CAN_RECOVER)
    said = "Changed. From now on, your journal opens with the new passphrase only."
    named = passphrase.named_file()
    if named:
        said += f" {named} still holds the old one: put the new one there too."
    say(said)
    return 0


def _remove(yes: bool, plain: bool, asker: Asker | None) -> int:
    if not yes:
        need_a_terminal(REMOVE_NO_TERMINAL, yes=yes, asker=asker)
        try:
            sure = agreed(
                "Unlocking makes your journal a plain file again: anyone who can read "
                "your files, or a copy of them, can read what you wrote.",
                "Unlock your journal?",
                plain=plain,
                asker=asker,
            )
        except KeyboardInterrupt:
            return stopped("Stopped. Your journal is still locked.")
        if not sure:
            say("Kept locked. Nothing was changed.")
            return 0
    say("Unlocking your journal...")
    remove_lock(get_paths())
    say("Unlocked. Your journal is a plain file again; ketaprep no longer asks for a passphrase.")
    return 0
