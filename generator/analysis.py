"""Brief -> the `briefs analyze` JSON record (a contract: evaluation scripts read it)."""

from __future__ import annotations

from typing import Any, Callable

from generator.model import Brief


def to_record(brief: Brief, record_id: str, to_input: Callable[[int], int]) -> dict[str, Any]:
    """The analyze JSON for one brief; `to_input` maps ingested offsets to the input text."""
    return {
        "id": record_id,
        "title": brief.title or None,
        "summary": [s.text for s in brief.summary_sentences],
        "quotes": [
            {
                "start": to_input(q.start),
                "end": to_input(q.end),
                "text": q.text,
                "kind": q.kind.value,
                "cue": q.cue,
                "speaker": q.speaker,
                "role": q.role,
                "fragments": [[to_input(a), to_input(b)] for a, b in q.fragments] or None,
            }
            for q in brief.attributions.quotes
        ],
        "speakers": [
            {"name": s.name, "role": s.role, "aliases": list(s.aliases), "quotes": s.quotes}
            for s in brief.attributions.speakers
        ],
        "glossary": [
            {"term": h.surface, "slug": h.slug, "start": to_input(h.start), "end": to_input(h.end)}
            for h in brief.terms
        ],
        "tags": list(brief.tags),
        "section": brief.section,
        "reading_time": brief.reading_time,
    }
