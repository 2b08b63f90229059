"""seminar: build a reading seminar's Jekyll session posts from paper lists and arXiv metadata."""

__version__ = "0.1.0"
