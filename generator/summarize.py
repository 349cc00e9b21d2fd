"""Sentences -> summary: which sentences, in article order, as an editor picks them.

The editorial rules are the decoder of the model, not filters after it:

- The lede (the first body sentence, with its agency dateline, that is not a
  bare dateline, byline, deck, page matter or a piece of a sentence cut at an
  abbreviation) is always in; the scorer chooses what to add to it, and is
  fitted on exactly that question (scripts/fit_summarizer.py labels each train
  article with the sentences that add most ROUGE to its lede).
- A sentence that leans on its predecessor (opens with a pronoun or connective,
  "Of that, ..." or "In addition, ...", quotes "he said", or says "his" or "her"
  while naming nobody) is taken together with that predecessor, when both fit
  within the length, or not at all.
- A quote is taken only with its speaker named in it; page matter (bylines,
  captions, "Follow X on Twitter @x", "h/t", "Click here") never; a sentence that
  restates an earlier one lends it its score and drops out, and trigram
  blocking keeps the same fact from being told twice.
- Summary sentences are returned in article order.

The sentence scorer is a logistic regression over cheap features (position,
length, paragraph start, overlap with the headline and the lede, tf-idf
centrality, quote share, leaning opener, digits). A reranker then chooses the
whole summary: every set the rules above allow from the lede and the
CANDIDATE_POOL best-scoring sentences is a candidate, and a quadratic model over
summary features (length, sentence count, the sentences' scores and positions,
cosine and recall against the article's tf-idf centroid, overlap between the
sentences, and their pairwise products) picks one; it is fitted on ROUGE-1
against the train references.
The number of bullets is at most the configured count and one per
WORDS_PER_BULLET words of body, so a short item gets a short summary; the
reranker may take fewer when the sentences are long. The reranker knows
summaries of up to RERANK_MOST sentences; a longer configured summary is
chosen by the greedy decoder alone.

One model and one set of weights for every article: a headline, when there is
one, is only a feature (overlap with it), never a switch to another method.
The weights are plain numbers in generator/data/summarizer.json, no words.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from generator import quotation_marks
from generator.model import Article, Sentence

WEIGHTS_FILE = "summarizer.json"
# Sentences shorter than this are headings, credits or fragments, not facts.
MIN_WORDS = 5
# Longer "sentences" are nearly always picture captions run together without
# full stops (a caption has none), not one sentence a reader would want
# (0.5% of CNN/DailyMail train sentences are longer; 60 scored best on dev).
MAX_WORDS = 60
# A lede may run long (a first sentence packs who, what, where and when); past this it is a
# caption pile-up too.
MAX_LEDE_WORDS = 100
# Blocking on shared trigrams: one three-word phrase repeated from a sentence
# already taken marks the same fact told twice (stricter blocking scored best on dev).
BLOCKING_NGRAM = 3
# A sentence sharing more than this share of its trigrams with an earlier one
# restates it (a caption repeating the lead): the earlier one speaks for both.
RESTATEMENT_SHARE = 0.5

_WORD = re.compile(r"[a-z0-9]+")
# Function words carry no topic; a short fixed list keeps the weights free of article vocabulary.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    said says say told according mr mrs ms one two new year years last first""".split()
)
_DOUBLE_MARKS = quotation_marks.DOUBLE_MARK
# A straight single mark that is a quotation mark, not an apostrophe: apart from
# words, opening a word, or closing one before punctuation.
_SINGLE_MARKS = re.compile(r"(?:(?<=\s)|^)'(?!\d)|(?<=\w)'(?=[.,;:!?]|$)")
# A pair of single marks around words ("reported 'no records' from", "called it 'unworkable' and"):
# alone, a closing mark before a space reads as a plural possessive, so pairs are taken out first.
_SINGLE_PAIR = re.compile(r"(?:(?<=\s)|^)'(?=\w).*?(?<=\w)'(?=\s)")
# Every alternative of _QUOTED opens with one of these marks.
_HAS_QUOTE_MARK = re.compile("[\"\u201c']")
_QUOTED = re.compile(r"[\"\u201c](.*?)[\"\u201d]|(?:(?<=\s)|^)'(.*?)'(?=\s|[.,;:!?]|$)")
# "By Jane Doe and John Roe" is short; "By the time police arrived, ..." is a sentence.
_BYLINE = re.compile(r"^(?:written )?by\s", re.IGNORECASE)
# "By Jane Doe, city reporter on the council beat": a capitalized name right after "By" makes a
# longer line a byline too, though not a whole sentence ("By Christmas Day the shops ...").
_NAMED_BYLINE = re.compile(r"^(?:[Ww]ritten )?[Bb]y\s+[A-Z][\w.'\u2019-]*\s+[A-Z][\w.'\u2019-]*")
BYLINE_MAX_WORDS = 8
NAMED_BYLINE_MAX_WORDS = 14
_FURNITURE = re.compile(
    r"\b(?:scroll down|click here|read more|follow us|share this|sign up|subscribe\b|all rights reserved|"
    r"advertisement\b|(?:photo|image|picture|video) (?:credit|courtesy)|copyright|(?:published|updated)\s*:)|"
    # Social-media sign-offs: "Follow Jane Doe on Twitter @janedoe", "(h/t Politico)".
    r"@\w{2,}|\bfollow\b.{0,40}\bon (?:twitter|facebook|instagram)\b|\bh/t\b",
    re.IGNORECASE,
)
# On ASCII text in lower case, _FURNITURE matches as the same pattern without IGNORECASE, and only
# where one of these words is in the text: most sentences are let through without a regex search.
_FURNITURE_LOWER = re.compile(_FURNITURE.pattern)
_FURNITURE_WORDS = (
    "scroll down", "click here", "read more", "follow", "share this", "sign up", "subscribe", "all rights reserved",
    "advertisement", "credit", "courtesy", "copyright", "published", "updated", "@", "h/t",
)
_TERMINAL = re.compile(r"[.?!][\"'\u201d\u2019)\]]*\s*$")
_LABEL_COLON = re.compile(r"^[^:]{1,40}:\s")
# A picture caption opens with a short label and a colon ("Level playing field: ...",
# "Upset: ..."); a sentence introducing a quote has a speech verb or pronoun before it.
_CAPTION_LABEL = re.compile(r"^([\w'\u2019-]+(?: [\w'\u2019-]+){0,3}):\s")
_NOT_A_LABEL = frozenset(
    """said says say told tells adds added asked asks wrote writes tweeted explained explains reads read
    stated states posted warned continued replied insisted claimed revealed admitted declared noted
    he she they it we i you this that these those there his her their who which""".split()
)

# The lede is looked for among the first sentences only: further down a story is under way.
LEDE_WINDOW = 3
_DASHES = frozenset("-\u2013\u2014")
# One bullet per this many words of body text, up to the configured maximum.
WORDS_PER_BULLET = 60
# Openers that need the sentence before them (the same list editors and summary_hygiene.py check),
# in any case because some sources are lowercased.
_LEANS_BACK = re.compile(
    r"^(?:but|and|or|so|yet|however|also|still|meanwhile|instead|then|thus|therefore|"
    r"he|she|it|they|we|i|you|his|her|its|their|this|that|these|those|there|such|both|another|"
    r"the latter|the former)\b",
    re.IGNORECASE,
)
# Openers the hygiene list leaves out that lean back just as hard: a share or member of something
# named before ("Of that, $2 million ..."), and connectives that add to or answer the sentence before.
_LEANS_BACK_MORE = re.compile(
    r"^(?:of (?:that|those|these|them|this|which|whom)|among (?:them|those|these)|in addition(?! to)|additionally|"
    r"moreover|furthermore|besides|likewise|similarly|nonetheless|nevertheless|even so|as a result|"
    r"by contrast|in contrast|in turn|otherwise|him|them|hers|theirs)\b",
    re.IGNORECASE,
)
# A personal pronoun inside a sentence that names nobody ("The decision angered his allies.")
# needs the sentence that names him; a capitalized word after the first could be that name.
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)
_INTRODUCES = re.compile(r"^(?:a|an|one|two|three|four|five|some|several|many|every|each|another)\b", re.IGNORECASE)
# Capitalized, but no one's name.
_NOT_NAMES = frozenset(
    """I I'm I\u2019m Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mondays Tuesdays Wednesdays
    Thursdays Fridays Saturdays Sundays January February March April May June July August September
    October November December""".split()
)
_CAPITALIZED = re.compile(r"\b[A-Z][\w'\u2019-]*")
_SPEECH_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|according to|asked|argued|warned|insisted|explained|"
    r"noted|wrote|writes|stated|claimed|continued|declared|tweeted)"
)
_SPEECH_VERB = re.compile(rf"\b{_SPEECH_VERBS}\b", re.IGNORECASE)
# '"...," he said.': the speaker is whoever the previous sentence names.
_PRONOUN_SPEAKER = re.compile(
    rf"[\"\u201d'\u2019],?\s+(?:(?:he|she|they|it|we)\s+{_SPEECH_VERBS}|{_SPEECH_VERBS}\s+(?:he|she|they|it|we))\b",
    re.IGNORECASE,
)
_OPENS_QUOTE = re.compile(r"^\s*[\"\u201c'\u2018]")

FEATURES = (
    "bias",
    "is_first",
    "is_second",
    "is_third",
    "relative_position",
    "log_position",
    "is_paragraph_start",
    "log_paragraph",
    "log_words",
    "is_long",
    "headline_overlap",
    "lede_overlap",
    "centrality",
    "content_share",
    "quote_share",
    "needs_predecessor",
    "follows_lede",
    "has_digits",
    "lacks_terminal",
    "starts_with_label",
    "is_question",
)
# Beyond this many words a sentence is more likely a run-on or a caption pile-up.
LONG_WORDS = 45


# What the reranker knows of a whole candidate summary (see summary_features).
SUMMARY_FEATURES = (
    "one_sentence",
    "two_sentences",
    "log_words",
    "words_100",
    "words_100_squared",
    "score_sum",
    "score_mean",
    "score_min",
    "mean_relative_position",
    "last_relative_position",
    "in_first_three",
    "centroid_cosine",
    "centroid_recall",
    "redundancy",
    "headline_recall",
    "leaning_sentences",
    "quote_share",
    "article_share",
    "words_per_sentence_30",
)
# The reranker chooses among summaries built from this many best-scoring sentences besides the lede.
CANDIDATE_POOL = 7
# The reranker weighs each summary feature and each product of two (squares included): length
# matters differently for a central summary than for a peripheral one.
SUMMARY_TERMS = len(SUMMARY_FEATURES) + len(SUMMARY_FEATURES) * (len(SUMMARY_FEATURES) + 1) // 2
# The reranker is fitted on summaries of up to this many sentences; a longer configured summary
# is filled by the greedy decoder, whose length follows the setting.
RERANK_MOST = 3


@dataclass(frozen=True)
class Model:
    """Standardization and logistic-regression weights, one per feature; and the reranker's
    weights, one per summary term (see summary_terms; empty: the greedy decoder alone)."""

    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    summary_weights: tuple[float, ...] = ()


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The fitted weights shipped with the package (read once)."""
    data = json.loads(resources.files("generator").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES or tuple(data.get("summary_features", SUMMARY_FEATURES)) != SUMMARY_FEATURES:
        raise ValueError(f"{WEIGHTS_FILE}: features do not match this version; run scripts/fit_summarizer.py")
    summary_weights = tuple(data.get("summary_weights", ()))
    if summary_weights and len(summary_weights) != SUMMARY_TERMS:
        raise ValueError(f"{WEIGHTS_FILE}: {len(summary_weights)} reranker weights, not {SUMMARY_TERMS}; run scripts/fit_summarizer.py")
    return Model(tuple(data["means"]), tuple(data["scales"]), tuple(data["weights"]), summary_weights)


def words(text: str) -> list[str]:
    """Lowercase word tokens: the same on cased and lowercased text."""
    return _WORD.findall(text.lower())


def content_words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS and len(t) > 1]


def _overlap(tokens: set[str], other: set[str]) -> float:
    """Share of a sentence's content words that also occur in `other`."""
    return len(tokens & other) / len(tokens) if tokens else 0.0


def _idf_and_centroid(bags: list[list[str]]) -> tuple[dict[str, float], dict[str, float]]:
    """Smoothed idf over the article's sentences, and the whole article's tf-idf vector."""
    count = len(bags)
    frequency: dict[str, int] = {}
    for bag in bags:
        for token in set(bag):
            frequency[token] = frequency.get(token, 0) + 1
    idf = {t: math.log((1 + count) / (1 + f)) + 1.0 for t, f in frequency.items()}
    centroid: dict[str, float] = {}
    for bag in bags:
        for token in bag:
            centroid[token] = centroid.get(token, 0.0) + idf[token]
    return idf, centroid


def _centralities(bags: list[list[str]], idf: dict[str, float], centroid: dict[str, float]) -> list[float]:
    """Cosine of each sentence's tf-idf vector with the whole article's (see _idf_and_centroid)."""
    centroid_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    result = []
    for bag in bags:
        vector: dict[str, float] = {}
        for token in bag:
            vector[token] = vector.get(token, 0.0) + idf[token]
        norm = math.sqrt(sum(v * v for v in vector.values()))
        dot = sum(v * centroid[t] for t, v in vector.items())
        result.append(dot / (norm * centroid_norm) if norm else 0.0)
    return result


def quote_share(text: str) -> float:
    """Share of the sentence's characters inside quotation marks."""
    if not _HAS_QUOTE_MARK.search(text):
        return 0.0
    inside = sum(len(m.group(1) or m.group(2) or "") for m in _QUOTED.finditer(text))
    return min(1.0, inside / len(text)) if text else 0.0


def has_dangling_quote(text: str) -> bool:
    """A quotation opened or closed outside the sentence: a fragment out of context."""
    # Press-database exports write a double mark as two apostrophes (''in sight.'').
    text = text.replace("''", '"')
    curly_open, curly_close = text.count("\u201c"), text.count("\u201d")
    doubles = len(_DOUBLE_MARKS.findall(text))
    # Both single-mark patterns need a straight single mark.
    singles = len(_SINGLE_MARKS.findall(_SINGLE_PAIR.sub(" ", text))) if "'" in text else 0
    return curly_open != curly_close or doubles % 2 == 1 or singles % 2 == 1


def is_caption(text: str) -> bool:
    """A picture caption: a short label and a colon, with no speaker or speech verb in the label."""
    match = _CAPTION_LABEL.match(text)
    return match is not None and not set(words(match.group(1))) & _NOT_A_LABEL


def is_byline(text: str) -> bool:
    if _NAMED_BYLINE.match(text):
        return len(words(text)) <= NAMED_BYLINE_MAX_WORDS
    return bool(_BYLINE.match(text)) and len(words(text)) <= BYLINE_MAX_WORDS


def is_page_matter(text: str) -> bool:
    """Never in a summary: a byline, page furniture, a caption or a dangling quotation fragment."""
    return is_byline(text) or _is_furniture(text) or is_caption(text) or has_dangling_quote(text)


def _is_furniture(text: str) -> bool:
    """_FURNITURE.search(text), sparing most sentences the search."""
    if not text.isascii():
        return bool(_FURNITURE.search(text))
    lowered = text.lower()
    return any(word in lowered for word in _FURNITURE_WORDS) and bool(_FURNITURE_LOWER.search(lowered))


def can_stand_alone(text: str, most_words: int = MAX_WORDS) -> bool:
    """Fit for a summary: a whole sentence of reasonable length that is not page matter."""
    return MIN_WORDS <= len(words(text)) <= most_words and not is_page_matter(text)


@dataclass(frozen=True)
class SentenceFacts:
    """What the scorer, the decoder and the reranker ask of each sentence, worked out once per
    article: tokenizing and the rule regexes cost more than both models together."""

    texts: list[str]
    tokens: list[list[str]]  # words()
    content: list[list[str]]  # content words, repeats kept
    bags: list[set[str]]  # content words, once each
    grams: list[set[tuple[str, ...]]]  # the BLOCKING_NGRAM-word phrases
    leans: list[bool]  # needs_predecessor
    page_matter: list[bool]
    voiceless: list[bool]  # is_unattributed_quote
    fragments: list[bool]  # is_fragment, in the article's casing
    quote_shares: list[float]
    idf: dict[str, float]  # over the sentences' content words
    centroid: dict[str, float]  # the whole article's tf-idf vector
    lede: int | None


def sentence_facts(texts: list[str]) -> SentenceFacts:
    """Every sentence's words, phrases and rule verdicts, for one article's sentence texts."""
    tokens = [words(t) for t in texts]
    content = [content_words(t) for t in tokens]
    cased = is_cased(texts)
    idf, centroid = _idf_and_centroid(content)
    facts = SentenceFacts(
        texts=texts,
        tokens=tokens,
        content=content,
        bags=[set(c) for c in content],
        grams=[_ngrams(t) for t in tokens],
        leans=[needs_predecessor(t) for t in texts],
        page_matter=[is_page_matter(t) for t in texts],
        voiceless=[is_unattributed_quote(t) for t in texts],
        fragments=[is_fragment(t, cased) for t in texts],
        quote_shares=[quote_share(t) for t in texts],
        idf=idf,
        centroid=centroid,
        lede=None,
    )
    # The lede is found from the other facts of the first sentences.
    return dataclasses.replace(facts, lede=_lede(facts))


def _sentence_rows(article: Article, sentences: tuple[Sentence, ...], facts: SentenceFacts) -> list[list[float]]:
    """One feature vector per sentence, in the order of FEATURES."""
    headline = set(content_words(words(article.title)))
    centrality = _centralities(facts.content, facts.idf, facts.centroid)
    lede, total = facts.lede, len(sentences)
    rows = []
    for i, sentence in enumerate(sentences):
        text, count, bag = facts.texts[i], len(facts.tokens[i]), facts.bags[i]
        rows.append(
            [
                1.0,
                float(i == 0),
                float(i == 1),
                float(i == 2),
                i / total,
                math.log1p(i),
                float(i == 0 or sentences[i - 1].paragraph != sentence.paragraph),
                math.log1p(sentence.paragraph),
                math.log1p(count),
                float(count > LONG_WORDS),
                _overlap(bag, headline),
                _overlap(bag, facts.bags[lede]) if lede is not None and i != lede else 0.0,
                centrality[i],
                len(facts.content[i]) / count if count else 0.0,
                facts.quote_shares[i],
                float(facts.leans[i]),
                float(lede is not None and i == lede + 1),
                float(any(map(str.isdigit, text))),
                float(not _TERMINAL.search(text)),
                float(bool(_LABEL_COLON.match(text))),
                float(text.rstrip("\"'\u201d\u2019 ").endswith("?")),
            ]
        )
    return rows


def sentence_features(article: Article, sentences: tuple[Sentence, ...]) -> list[list[float]]:
    """One feature vector per sentence, in the order of FEATURES."""
    return _sentence_rows(article, sentences, sentence_facts([s.text for s in sentences]))


def score_sentences(rows: list[list[float]], model: Model) -> list[float]:
    """The model's log-odds that each sentence belongs in the summary."""
    params = list(zip(model.means, model.scales, model.weights))
    return [sum(w * (x - m) / s for x, (m, s, w) in zip(row, params)) for row in rows]


def _ngrams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + BLOCKING_NGRAM]) for i in range(len(tokens) - BLOCKING_NGRAM + 1)}


def merge_restatements(grams: list[set[tuple[str, ...]]], scores: list[float]) -> list[float]:
    """Scores where a restatement lends its score to the earlier sentence it repeats and drops out."""
    merged = list(scores)
    for i, own in enumerate(grams):
        if not own:
            continue
        for j in range(i):
            # Most pairs share no phrase at all: a disjointness test builds no set.
            if own.isdisjoint(grams[j]):
                continue
            if len(own & grams[j]) > RESTATEMENT_SHARE * len(own) and merged[j] != -math.inf:
                merged[j] = max(merged[j], merged[i])
                merged[i] = -math.inf
                break
    return merged


def needs_predecessor(text: str) -> bool:
    """Opens with a pronoun or connective whose antecedent is the sentence before, quotes 'he',
    or speaks of 'his' or 'her' without naming anyone (in cased text: a lower-cased source
    hides its names)."""
    if _LEANS_BACK.match(text) or _LEANS_BACK_MORE.match(text) or _PRONOUN_SPEAKER.search(text):
        return True
    return _names_nobody_it_refers_to(text)


def _names_nobody_it_refers_to(text: str) -> bool:
    """A personal pronoun in a sentence with no capitalized word after its first: the person it
    means is named only in another sentence. A sentence that introduces someone ("A man who
    killed his wife ...") holds its own antecedent."""
    stripped = text.lstrip("\"'\u201c\u2018( ")
    if not _PERSONAL_PRONOUN.search(text) or not _has_capital(text) or _INTRODUCES.match(stripped):
        return False
    first = _CAPITALIZED.match(stripped)
    first_at = text.find(first.group(0)) if first else -1
    return all(m.group(0) in _NOT_NAMES for m in _CAPITALIZED.finditer(text) if m.start() != first_at)


def is_unattributed_quote(text: str) -> bool:
    """Opens inside a quotation and names no speaker: words without a voice."""
    if not _OPENS_QUOTE.match(text):
        return False
    outside = _QUOTED.sub(" ", text)
    return not _SPEECH_VERB.search(outside)


def is_heading(text: str) -> bool:
    """A deck, kicker or shouted label ("Jobs report gives Democrats a lift;"), not a sentence of news."""
    letters = [c for c in text if c.isalpha()]
    return not _TERMINAL.search(text) or text.rstrip().endswith(";") or (bool(letters) and all(c.isupper() for c in letters))


def is_summary_material(text: str, most_words: int = MAX_WORDS) -> bool:
    """A sentence an editor could print as a bullet: whole, not page matter, not a voiceless quote."""
    return can_stand_alone(text, most_words) and not is_unattributed_quote(text)


def is_fragment(text: str, cased: bool = True) -> bool:
    """A piece of a sentence cut at an abbreviation ("- Sen. Ted Cruz (R-Tex.)", "continued his
    romp ..."): it opens with a dash, or in lower case when the text is `cased` (some sources are
    lowercased throughout)."""
    stripped = text.lstrip()
    return stripped[:1] in _DASHES or (cased and stripped[:1].islower())


def _has_capital(text: str) -> bool:
    # islower() is False as soon as one character is upper case, so a text it passes needs no
    # scan (a lowercased source is lower case throughout).
    return not text.islower() and any(map(str.isupper, text))


def is_cased(texts: list[str]) -> bool:
    """Whether the text uses capitals at all."""
    return any(map(_has_capital, texts))


def _is_material(facts: SentenceFacts, i: int, most_words: int = MAX_WORDS) -> bool:
    """is_summary_material, from the facts."""
    return MIN_WORDS <= len(facts.tokens[i]) <= most_words and not facts.page_matter[i] and not facts.voiceless[i]


def _lede(facts: SentenceFacts) -> int | None:
    """find_lede, from the facts."""
    for i, text in enumerate(facts.texts[:LEDE_WINDOW]):
        # The very first sentence has no predecessor to lean on: whatever it opens with, it is the lede.
        if _is_material(facts, i, MAX_LEDE_WORDS) and not is_heading(text) and not facts.fragments[i] and (i == 0 or not facts.leans[i]):
            return i
    return None


def find_lede(texts: list[str]) -> int | None:
    """The first sentence that tells news: datelines, bylines, decks, page matter and pieces of a
    sentence cut at an abbreviation come before it."""
    return sentence_facts(texts).lede


def _unit(i: int, leans: list[bool], allowed: list[bool], limit: int) -> list[int] | None:
    """Sentence i with the predecessors it leans on, or None when one of them may not be taken."""
    start = i
    while start > 0 and leans[start]:
        start -= 1
        if not allowed[start] or i - start + 1 > limit:
            return None
    return list(range(start, i + 1))


def _take_units(
    ranked: list[int], leans: list[bool], allowed: list[bool], grams: list[set[tuple[str, ...]]], chosen: list[int], count: int
) -> None:
    """Add the best sentences, each with the predecessors it needs, while they fit and repeat nothing."""
    seen = set().union(*(grams[i] for i in chosen))
    for i in ranked:
        if len(chosen) >= count:
            return
        unit = _unit(i, leans, allowed, count)
        if unit is None or i in chosen:
            continue
        new = [j for j in unit if j not in chosen]
        if len(chosen) + len(new) > count or any(grams[j] & seen for j in new):
            continue
        chosen.extend(new)
        for j in new:
            seen |= grams[j]


def _select(facts: SentenceFacts, merged: list[float], count: int) -> tuple[int, ...]:
    """select_sentences, from the facts and the scores after merge_restatements."""
    total = len(facts.texts)
    ranked = [i for i in sorted(range(total), key=lambda i: (-merged[i], i)) if merged[i] != -math.inf]
    chosen = [] if facts.lede is None or count < 1 else [facts.lede]
    usable = [not (facts.page_matter[i] or facts.voiceless[i] or facts.fragments[i]) for i in range(total)]
    material = [usable[i] and _is_material(facts, i) for i in range(total)]
    _take_units([i for i in ranked if material[i]], facts.leans, material, facts.grams, chosen, count)
    if len(chosen) < count:
        # A short article may lack enough sentences of a reasonable length; a very short
        # or long one is better than none, page matter and voiceless quotes never are.
        _take_units([i for i in ranked if usable[i]], facts.leans, usable, facts.grams, chosen, count)
    return tuple(sorted(chosen))


def select_sentences(sentences: tuple[Sentence, ...], scores: list[float], count: int) -> tuple[int, ...]:
    """The lede, then the best-scoring sentences that obey the editorial rules, in article order.

    A sentence that leans on its predecessor comes with it or stays out; a voiceless quote,
    page matter and a repeat (a restatement, or a trigram already taken) never come in.
    """
    facts = sentence_facts([s.text for s in sentences])
    return _select(facts, merge_restatements(facts.grams, scores), count)


def _candidates(facts: SentenceFacts, merged: list[float], count: int) -> list[tuple[int, ...]]:
    """candidate_summaries, from the facts and the scores after merge_restatements."""
    grams, lede = facts.grams, facts.lede
    material = [_is_material(facts, i) for i in range(len(facts.texts))]
    base = set() if lede is None else {lede}
    ranked = sorted((i for i in range(len(facts.texts)) if merged[i] != -math.inf and material[i] and i != lede), key=lambda i: (-merged[i], i))
    greedy = _select(facts, merged, count)
    found, seen = [greedy], {greedy}
    pool = ranked[:CANDIDATE_POOL]
    for size in range(count - len(base) + 1):
        for picks in itertools.combinations(pool, size):
            units = [_unit(i, facts.leans, material, count) for i in picks]
            if any(unit is None for unit in units):
                continue
            chosen = tuple(sorted(base.union(*units)))
            if not chosen or len(chosen) > count or chosen in seen:
                continue
            if not all(grams[a].isdisjoint(grams[b]) for a, b in itertools.combinations(chosen, 2)):
                continue
            seen.add(chosen)
            found.append(chosen)
    return found


def candidate_summaries(sentences: tuple[Sentence, ...], scores: list[float], count: int) -> list[tuple[int, ...]]:
    """Every summary the editorial rules allow from the lede and the CANDIDATE_POOL best sentences.

    Each candidate has the lede (when there is one), at most `count` sentences, each leaning
    sentence with its predecessors, no page matter, voiceless quote or restatement, and no
    trigram told twice; the greedy decoder's choice (select_sentences) is always the first.
    """
    facts = sentence_facts([s.text for s in sentences])
    return _candidates(facts, merge_restatements(facts.grams, scores), count)


@dataclass(frozen=True)
class SummaryContext:
    """What every candidate summary's features compare against."""

    content: list[list[str]]  # content words per sentence, repeats kept
    bags: list[set[str]]  # content words per sentence, once each
    idf: dict[str, float]
    centroid: dict[str, float]
    centroid_norm: float
    centroid_total: float
    headline: set[str]
    word_counts: list[int]
    article_words: int  # sum(word_counts)
    quote_shares: list[float]
    leans: list[bool]
    lede: int | None


def _summary_context(article: Article, facts: SentenceFacts) -> SummaryContext:
    return SummaryContext(
        content=facts.content,
        bags=facts.bags,
        idf=facts.idf,
        centroid=facts.centroid,
        centroid_norm=math.sqrt(sum(v * v for v in facts.centroid.values())) or 1.0,
        centroid_total=sum(facts.centroid.values()),
        headline=set(content_words(words(article.title))),
        word_counts=[len(t) for t in facts.tokens],
        article_words=sum(map(len, facts.tokens)),
        quote_shares=facts.quote_shares,
        leans=facts.leans,
        lede=facts.lede,
    )


def summary_context(article: Article, sentences: tuple[Sentence, ...]) -> SummaryContext:
    """The article-wide numbers summary_features needs, computed once per article."""
    return _summary_context(article, sentence_facts([s.text for s in sentences]))


def summary_features(context: SummaryContext, chosen: tuple[int, ...], scores: list[float]) -> list[float]:
    """The features of one candidate summary, in the order of SUMMARY_FEATURES (all 0 for none)."""
    if not chosen:
        return [0.0] * len(SUMMARY_FEATURES)
    total = len(context.content)
    count = sum(context.word_counts[i] for i in chosen)
    vector: dict[str, float] = {}
    for i in chosen:
        for token in context.content[i]:
            vector[token] = vector.get(token, 0.0) + context.idf[token]
    # The sums run over the vector in its order, as plain loops would: the same floats to the last bit.
    values = vector.values()
    norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
    weights = list(map(context.centroid.__getitem__, vector))
    cosine = sum(map(operator.mul, values, weights)) / (norm * context.centroid_norm)
    recall = sum(weights) / context.centroid_total if context.centroid_total else 0.0
    redundancy = 0.0
    for a, b in itertools.combinations(chosen, 2):
        first, second = context.bags[a], context.bags[b]
        if first and second:
            redundancy = max(redundancy, len(first & second) / min(len(first), len(second)))
    headline = len(context.headline.intersection(vector)) / len(context.headline) if context.headline else 0.0
    added = [scores[i] for i in chosen if i != context.lede]
    article_words = context.article_words
    return [
        float(len(chosen) == 1),
        float(len(chosen) == 2),
        math.log1p(count),
        count / 100,
        (count / 100) ** 2,
        sum(added),
        sum(added) / len(added) if added else 0.0,
        min(added) if added else 0.0,
        sum(i / total for i in chosen) / len(chosen),
        max(chosen) / total,
        float(sum(i < 3 for i in chosen)),
        cosine,
        recall,
        redundancy,
        headline,
        float(sum(context.leans[i] for i in chosen)),
        sum(context.quote_shares[i] for i in chosen),
        count / max(1, article_words),
        count / len(chosen) / 30,
    ]


def _terms(row: list[float]) -> Iterator[float]:
    return itertools.chain(row, itertools.starmap(operator.mul, itertools.combinations_with_replacement(row, 2)))


def summary_terms(row: list[float]) -> list[float]:
    """The reranker's inputs: the summary features, then every product of two of them, in order."""
    return list(_terms(row))


def rerank(candidates: list[tuple[int, ...]], rows: list[list[float]], weights: tuple[float, ...]) -> tuple[int, ...]:
    """The candidate the reranker scores highest (the earliest on a tie); rows are summary features."""
    values = [sum(map(operator.mul, weights, _terms(row))) for row in rows]
    return candidates[max(range(len(candidates)), key=lambda k: (values[k], -k))]


def _length(body_words: int, most: int) -> int:
    return max(1, min(most, math.ceil(body_words / WORDS_PER_BULLET)))


def summary_length(sentences: tuple[Sentence, ...], most: int) -> int:
    """How many bullets the story deserves: one per WORDS_PER_BULLET words of body, at most `most`.

    A 120-word item gets two bullets, a 60-word one a single bullet; a full news story gets `most`.
    """
    return _length(sum(len(words(s.text)) for s in sentences), most)


def summarize(article: Article, sentences: tuple[Sentence, ...], count: int) -> tuple[int, ...]:
    """Indices of at most `count` summary sentences (fewer for a short story), in article order."""
    if not sentences:
        return ()
    model = load_model()
    facts = sentence_facts([s.text for s in sentences])
    scores = score_sentences(_sentence_rows(article, sentences, facts), model)
    merged = merge_restatements(facts.grams, scores)
    length = _length(sum(map(len, facts.tokens)), count)
    if not model.summary_weights or count > RERANK_MOST:
        return _select(facts, merged, length)
    candidates = _candidates(facts, merged, length)
    if len(candidates) == 1:
        return candidates[0]
    context = _summary_context(article, facts)
    return rerank(candidates, [summary_features(context, c, scores) for c in candidates], model.summary_weights)
