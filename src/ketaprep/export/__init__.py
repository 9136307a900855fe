"""``ketaprep export`` and ``ketaprep import``: the journal written out in a format of the
registry in formats.py (JSON to import again, Markdown and HTML to read), and a JSON
export read back in. Files are written privately and at once (files.py).

Export builds on review: the words an answer is shown in, an entry's JSON shape and the
trend chart come from there; review never imports export.
"""
