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

import itertools
import json
import math
import re
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


def _centralities(bags: list[list[str]]) -> list[float]:
    """Cosine of each sentence's tf-idf vector with the whole article's (idf over its sentences)."""
    idf, centroid = _idf_and_centroid(bags)
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
    inside = sum(len(m.group(1) or m.group(2) or "") for m in _QUOTED.finditer(text))
    return min(1.0, inside / len(text)) if text else 0.0


def has_dangling_quote(text: str) -> bool:
    """A quotation opened or closed outside the sentence: a fragment out of context."""
    # Press-database exports write a double mark as two apostrophes (''in sight.'').
    text = text.replace("''", '"')
    curly_open, curly_close = text.count("\u201c"), text.count("\u201d")
    doubles = len(_DOUBLE_MARKS.findall(text))
    singles = len(_SINGLE_MARKS.findall(_SINGLE_PAIR.sub(" ", text)))
    return curly_open != curly_close or doubles % 2 == 1 or singles % 2 == 1


def is_caption(text: str) -> bool:
    """A picture caption: a short label and a colon, with no speaker or speech verb in the label."""
    match = _CAPTION_LABEL.match(text)
    return match is not None and not set(words(match.group(1))) & _NOT_A_LABEL


def is_byline(text: str) -> bool:
    count = len(words(text))
    if _NAMED_BYLINE.match(text):
        return count <= NAMED_BYLINE_MAX_WORDS
    return bool(_BYLINE.match(text)) and count <= BYLINE_MAX_WORDS


def is_page_matter(text: str) -> bool:
    """Never in a summary: a byline, page furniture, a caption or a dangling quotation fragment."""
    return is_byline(text) or bool(_FURNITURE.search(text)) or is_caption(text) or has_dangling_quote(text)


def can_stand_alone(text: str, most_words: int = MAX_WORDS) -> bool:
    """Fit for a summary: a whole sentence of reasonable length that is not page matter."""
    return MIN_WORDS <= len(words(text)) <= most_words and not is_page_matter(text)


@dataclass(frozen=True)
class _Context:
    """What every sentence's features compare against: the article's words."""

    tokens: list[list[str]]
    bags: list[set[str]]  # content words per sentence
    headline: set[str]
    centrality: list[float]
    lede: int | None


def _context(article: Article, sentences: tuple[Sentence, ...]) -> _Context:
    tokens = [words(s.text) for s in sentences]
    bags = [content_words(t) for t in tokens]
    headline = set(content_words(words(article.title)))
    lede = find_lede([s.text for s in sentences])
    return _Context(tokens, [set(b) for b in bags], headline, _centralities(bags), lede)


def _sentence_row(i: int, sentences: tuple[Sentence, ...], context: _Context) -> list[float]:
    """The features of sentence i, in the order of FEATURES."""
    sentence, tokens, bag = sentences[i], context.tokens[i], context.bags[i]
    text, count = sentence.text, len(tokens)
    content = sum(1 for t in tokens if t in bag)
    return [
        1.0,
        float(i == 0),
        float(i == 1),
        float(i == 2),
        i / len(sentences),
        math.log1p(i),
        float(i == 0 or sentences[i - 1].paragraph != sentence.paragraph),
        math.log1p(sentence.paragraph),
        math.log1p(count),
        float(count > LONG_WORDS),
        _overlap(bag, context.headline),
        _overlap(bag, context.bags[context.lede]) if context.lede is not None and i != context.lede else 0.0,
        context.centrality[i],
        content / count if count else 0.0,
        quote_share(text),
        float(needs_predecessor(text)),
        float(context.lede is not None and i == context.lede + 1),
        float(any(c.isdigit() for c in text)),
        float(not _TERMINAL.search(text)),
        float(bool(_LABEL_COLON.match(text))),
        float(text.rstrip("\"'\u201d\u2019 ").endswith("?")),
    ]


def sentence_features(article: Article, sentences: tuple[Sentence, ...]) -> list[list[float]]:
    """One feature vector per sentence, in the order of FEATURES."""
    context = _context(article, sentences)
    return [_sentence_row(i, sentences, context) for i in range(len(sentences))]


def score_sentences(rows: list[list[float]], model: Model) -> list[float]:
    """The model's log-odds that each sentence belongs in the summary."""
    params = list(zip(model.means, model.scales, model.weights))
    return [sum(w * (x - m) / s for x, (m, s, w) in zip(row, params)) for row in rows]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + BLOCKING_NGRAM]) for i in range(len(tokens) - BLOCKING_NGRAM + 1)}


def merge_restatements(grams: list[set[tuple[str, ...]]], scores: list[float]) -> list[float]:
    """Scores where a restatement lends its score to the earlier sentence it repeats and drops out."""
    merged = list(scores)
    for i in range(len(grams)):
        for j in range(i):
            shared = len(grams[i] & grams[j])
            if grams[i] and shared > RESTATEMENT_SHARE * len(grams[i]) and merged[j] != -math.inf:
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
    if not _PERSONAL_PRONOUN.search(text) or not any(c.isupper() for c in text) or _INTRODUCES.match(stripped):
        return False
    first = _CAPITALIZED.match(stripped)
    names = [m for m in _CAPITALIZED.finditer(text) if not (first and m.start() == text.find(first.group(0)))]
    return not any(m.group(0) not in _NOT_NAMES for m in names)


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


def is_cased(texts: list[str]) -> bool:
    """Whether the text uses capitals at all."""
    return any(c.isupper() for text in texts for c in text)


def find_lede(texts: list[str]) -> int | None:
    """The first sentence that tells news: datelines, bylines, decks, page matter and pieces of a
    sentence cut at an abbreviation come before it."""
    cased = is_cased(texts)
    for i, text in enumerate(texts[:LEDE_WINDOW]):
        # The very first sentence has no predecessor to lean on: whatever it opens with, it is the lede.
        if (
            is_summary_material(text, MAX_LEDE_WORDS)
            and not is_heading(text)
            and not is_fragment(text, cased)
            and (i == 0 or not needs_predecessor(text))
        ):
            return i
    return None


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


def select_sentences(sentences: tuple[Sentence, ...], scores: list[float], count: int) -> tuple[int, ...]:
    """The lede, then the best-scoring sentences that obey the editorial rules, in article order.

    A sentence that leans on its predecessor comes with it or stays out; a voiceless quote,
    page matter and a repeat (a restatement, or a trigram already taken) never come in.
    """
    texts = [s.text for s in sentences]
    grams = [_trigrams(t) for t in texts]
    merged = merge_restatements(grams, scores)
    ranked = [i for i in sorted(range(len(texts)), key=lambda i: (-merged[i], i)) if merged[i] != -math.inf]
    lede = find_lede(texts)
    chosen = [] if lede is None or count < 1 else [lede]
    leans = [needs_predecessor(t) for t in texts]
    cased = is_cased(texts)
    usable = [not is_page_matter(t) and not is_unattributed_quote(t) and not is_fragment(t, cased) for t in texts]
    material = [ok and MIN_WORDS <= len(words(t)) <= MAX_WORDS for ok, t in zip(usable, texts)]  # is_summary_material
    _take_units([i for i in ranked if material[i]], leans, material, grams, chosen, count)
    if len(chosen) < count:
        # A short article may lack enough sentences of a reasonable length; a very short
        # or long one is better than none, page matter and voiceless quotes never are.
        _take_units([i for i in ranked if usable[i]], leans, usable, grams, chosen, count)
    return tuple(sorted(chosen))


def candidate_summaries(sentences: tuple[Sentence, ...], scores: list[float], count: int) -> list[tuple[int, ...]]:
    """Every summary the editorial rules allow from the lede and the CANDIDATE_POOL best sentences.

    Each candidate has the lede (when there is one), at most `count` sentences, each leaning
    sentence with its predecessors, no page matter, voiceless quote or restatement, and no
    trigram told twice; the greedy decoder's choice (select_sentences) is always the first.
    """
    texts = [s.text for s in sentences]
    grams = [_trigrams(t) for t in texts]
    merged = merge_restatements(grams, scores)
    leans = [needs_predecessor(t) for t in texts]
    material = [is_summary_material(t) for t in texts]
    lede = find_lede(texts)
    base = set() if lede is None else {lede}
    ranked = sorted((i for i in range(len(texts)) if merged[i] != -math.inf and material[i] and i != lede), key=lambda i: (-merged[i], i))
    greedy = select_sentences(sentences, scores, count)
    found, seen = [greedy], {greedy}
    pool = ranked[:CANDIDATE_POOL]
    for size in range(count - len(base) + 1):
        for picks in itertools.combinations(pool, size):
            units = [_unit(i, leans, material, count) for i in picks]
            if any(unit is None for unit in units):
                continue
            chosen = tuple(sorted(base.union(*units)))
            if not chosen or len(chosen) > count or chosen in seen:
                continue
            if any(grams[a] & grams[b] for a, b in itertools.combinations(chosen, 2)):
                continue
            seen.add(chosen)
            found.append(chosen)
    return found


@dataclass(frozen=True)
class SummaryContext:
    """What every candidate summary's features compare against."""

    content: list[list[str]]  # content words per sentence, repeats kept
    idf: dict[str, float]
    centroid: dict[str, float]
    centroid_norm: float
    centroid_total: float
    headline: set[str]
    word_counts: list[int]
    quote_shares: list[float]
    leans: list[bool]
    lede: int | None


def summary_context(article: Article, sentences: tuple[Sentence, ...]) -> SummaryContext:
    """The article-wide numbers summary_features needs, computed once per article."""
    texts = [s.text for s in sentences]
    tokens = [words(t) for t in texts]
    content = [content_words(t) for t in tokens]
    idf, centroid = _idf_and_centroid(content)
    return SummaryContext(
        content=content,
        idf=idf,
        centroid=centroid,
        centroid_norm=math.sqrt(sum(v * v for v in centroid.values())) or 1.0,
        centroid_total=sum(centroid.values()),
        headline=set(content_words(words(article.title))),
        word_counts=[len(t) for t in tokens],
        quote_shares=[quote_share(t) for t in texts],
        leans=[needs_predecessor(t) for t in texts],
        lede=find_lede(texts),
    )


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
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    cosine = sum(v * context.centroid[t] for t, v in vector.items()) / (norm * context.centroid_norm)
    recall = sum(context.centroid[t] for t in vector) / context.centroid_total if context.centroid_total else 0.0
    redundancy = 0.0
    for a, b in itertools.combinations(chosen, 2):
        first, second = set(context.content[a]), set(context.content[b])
        if first and second:
            redundancy = max(redundancy, len(first & second) / min(len(first), len(second)))
    headline = len(context.headline & set(vector)) / len(context.headline) if context.headline else 0.0
    added = [scores[i] for i in chosen if i != context.lede]
    article_words = sum(context.word_counts)
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


def summary_terms(row: list[float]) -> list[float]:
    """The reranker's inputs: the summary features, then every product of two of them, in order."""
    return row + [row[a] * row[b] for a in range(len(row)) for b in range(a, len(row))]


def rerank(candidates: list[tuple[int, ...]], rows: list[list[float]], weights: tuple[float, ...]) -> tuple[int, ...]:
    """The candidate the reranker scores highest (the earliest on a tie); rows are summary features."""
    values = [sum(w * x for w, x in zip(weights, summary_terms(row))) for row in rows]
    return candidates[max(range(len(candidates)), key=lambda k: (values[k], -k))]


def summary_length(sentences: tuple[Sentence, ...], most: int) -> int:
    """How many bullets the story deserves: one per WORDS_PER_BULLET words of body, at most `most`.

    A 120-word item gets two bullets, a 60-word one a single bullet; a full news story gets `most`.
    """
    body_words = sum(len(words(s.text)) for s in sentences)
    return max(1, min(most, math.ceil(body_words / WORDS_PER_BULLET)))


def summarize(article: Article, sentences: tuple[Sentence, ...], count: int) -> tuple[int, ...]:
    """Indices of at most `count` summary sentences (fewer for a short story), in article order."""
    if not sentences:
        return ()
    model = load_model()
    scores = score_sentences(sentence_features(article, sentences), model)
    length = summary_length(sentences, count)
    if not model.summary_weights or count > RERANK_MOST:
        return select_sentences(sentences, scores, length)
    candidates = candidate_summaries(sentences, scores, length)
    if len(candidates) == 1:
        return candidates[0]
    context = summary_context(article, sentences)
    return rerank(candidates, [summary_features(context, c, scores) for c in candidates], model.summary_weights)
