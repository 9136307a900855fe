"""The walks: a guide's questions asked one by one, each answer saved as it is given.

- ``engine``: ``walk()`` itself (pure: items, an asker, a save function).
- ``run``: ``Run``, one walk in progress (saving, the crisis pause, drafts, the calm
  line after Ctrl-C), ``WalkSpec`` and ``WalkOptions``; ``command``: ``run_walk``.
- ``which_session``: the one way prepare and journal find their session.
- ``answers_file``: reading ``--answers``; ``screens``: what the walks and help-now draw.
- One thin module per walk: ``prepare``, ``journal``, ``checkin``, ``plan``, ``breathe``.
- ``help_now`` and ``plan_brief`` (crisis first, the journal only read), ``sessions``
  (the ``session`` commands and the rules for a session's number and day), ``delete``.
"""
