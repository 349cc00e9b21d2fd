"""Brief -> the `briefs analyze` JSON record (a contract: evaluation scripts read it)."""

from __future__ import annotations

from typing import Any, Callable

from generator.model import Attributions, Brief


def attribution_record(attributions: Attributions, to_input: Callable[[int], int]) -> dict[str, Any]:
    """The "quotes" and "speakers" of the analyze JSON; `to_input` maps ingested offsets to the input text."""
    return {
        "quotes": [
            {
                "start": to_input(q.start),
                "end": to_input(q.end),
                "text": q.text,
                "kind": q.kind.value,
                "cue": q.cue,
                "speaker": q.speaker,
                "role": q.role,
                "confidence": q.confidence,
                "fragments": [[to_input(a), to_input(b)] for a, b in q.fragments] or None,
            }
            for q in attributions.quotes
        ],
        "speakers": [
            {"name": s.name, "role": s.role, "type": s.type.value, "aliases": list(s.aliases), "quotes": s.quotes, "reported": s.reported}
            for s in attributions.speakers
        ],
    }


def to_record(brief: Brief, record_id: str, to_input: Callable[[int], int]) -> dict[str, Any]:
    """The analyze JSON for one brief; `to_input` maps ingested offsets to the input text."""
    return {
        "id": record_id,
        "title": brief.title or None,
        "summary": [s.text for s in brief.summary_sentences],
        **attribution_record(brief.attributions, to_input),
        "glossary": [
            {"term": h.surface, "slug": h.slug, "start": to_input(h.start), "end": to_input(h.end)}
            for h in brief.terms
        ],
        "tags": list(brief.tags),
        "section": brief.section,
        "reading_time": brief.reading_time,
    }
