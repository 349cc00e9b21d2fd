"""The `briefs` MkDocs plugin, built the way Material's own plugins are:

- config.py   BriefsConfig: the options under `plugins: - briefs:` in mkdocs.yml;
- plugin.py   BriefsPlugin: MkDocs event handlers, each delegating in a line or two;
- build.py    BriefsBuild: the briefs of one build read from MkDocs' files (cached by
              content hash across rebuilds), the pages made from them, and what each
              brief page gets (related briefs, printed front matter, the feed date, and
              under `mkdocs build` the front matter as read, now or by the build before, so
              MkDocs does not parse it again);
- cache.py    the cache on disk (.cache/plugin/briefs) that lets a build after a build
              read again only the briefs that changed.

Everything the site shows is computed in `generator` (site_index, site, glossary_page,
related); only this package imports MkDocs.
"""

from generator.plugin.plugin import BriefsPlugin

__all__ = ["BriefsPlugin"]
