"""ketaprep: a calm, private terminal companion for ketamine-assisted therapy."""

__version__ = "0.1.0"
