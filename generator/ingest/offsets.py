"""Offsets in the ingested text -> offsets in the text as the caller gave it."""

from __future__ import annotations

import bisect
import difflib


class OffsetMap:
    """Maps offsets in the ingested text back to the text as the caller gave it.

    Only decoding repairs (line ends, mojibake, NFC) change the text's length, and they
    are local: the common head and tail are matched directly and only the part between
    them is aligned with difflib, so long texts with a few repairs stay cheap."""

    def __init__(self, given: str, ingested: str) -> None:
        self._same = given == ingested
        self._anchors: list[int] = []
        self._targets: list[int] = []
        self._limit = len(given)
        if self._same:
            return
        head = _common_prefix(given, ingested)
        tail = _common_prefix(given[head:][::-1], ingested[head:][::-1])
        matcher = difflib.SequenceMatcher(
            None, ingested[head : len(ingested) - tail], given[head : len(given) - tail], autojunk=False
        )
        self._anchors.append(0)
        self._targets.append(0)
        for block in matcher.get_matching_blocks():
            self._anchors.append(head + block.a)
            self._targets.append(head + block.b)
        self._anchors.append(len(ingested) - tail)
        self._targets.append(len(given) - tail)

    def __call__(self, offset: int) -> int:
        if self._same:
            return offset
        i = max(0, bisect.bisect_right(self._anchors, offset) - 1)
        return max(0, min(self._limit, self._targets[i] + (offset - self._anchors[i])))


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    low, high = 0, limit
    while low < high:  # binary search on slice equality: fast in C for long texts
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
