"""newsbriefs: turn news articles into annotated Markdown briefs and a MkDocs site."""

__version__ = "0.1.0"
