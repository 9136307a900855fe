"""``ketaprep review``: looking back over what was kept.

queries (what to look back on), views (what it looks like), json (``--json``),
browser (the interactive side), trends (change over time), words (the words every view
and export shows for an entry and its answers), entry_json (an entry as JSON, shared
with the export), command (the choice of view from the options).
"""
