"""Who is who in one article: person and organisation names, their roles and aliases.

A news article introduces a person once in full ("Kremlin spokesman Dmitry
Peskov") and then by surname ("Peskov said"), pronoun ("he said") or role
("the spokesman"). `build_cast` reads every name mention in the body so that
the quotes stage can map each of those back to one canonical name, and
`apply_people` lets site_config/people.yml override and merge them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from generator.model import Article, Person, Speaker, SpeakerType
from generator.quotation_marks import ALL
from generator.quotes.cues import cue_words
from generator.quotes.lexicon import ends_sentence, fold, lexicon, word_set
from generator.quotes.roles import HYPHEN_LOWER, POSSESSIVE, role_of, settle_roles, split_role



def _name_word() -> str:
    """A name's words: capitalised words (joined by a slash too: 'InStat/MDR'), initials, abbreviated
    titles ('Sen.') and the particles inside names. Any other word that ends in a full stop ends the sentence, and so the name."""
    data = lexicon().raw
    abbreviations = "|".join(sorted((w.capitalize() for w in data["name_abbreviations"]), key=len, reverse=True))
    particles = "|".join(data["name_particles"])
    return (
        rf"(?:(?:{abbreviations})\.(?=\s)|(?:[A-Z]\.)+(?=[\s,])|[A-Z][\w'\u2019-]*(?:[./][A-Z][\w'\u2019-]*)*"
        rf"|(?<![\w'\u2019.-])(?:{particles})(?= [A-Z]))"
    )


NAME_WORD = _name_word()
# Words of one name are separated by one space: a line break or a full stop ends it.
NAME_RUN = re.compile(rf"{NAME_WORD}(?: {NAME_WORD})*")
# A run opens with a capital, or with a particle and a space before one ('van Gogh').
_CAPITAL = re.compile(r"[A-Z]")
_PARTICLE_BEFORE = re.compile(rf"(?<![\w'\u2019.-])(?:{'|'.join(lexicon().raw['name_particles'])}) \Z")
_LONGEST_PARTICLE = max(map(len, lexicon().raw["name_particles"]))


def name_runs(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """NAME_RUN.finditer(text, start, end), the same matches found faster: tried only at a capital
    (found by a plain character scan) or at the particle right before one, not at every position."""
    position = start
    while (capital := _CAPITAL.search(text, position, end)) is not None:
        particle = _PARTICLE_BEFORE.search(text, max(position, capital.start() - _LONGEST_PARTICLE - 1), capital.start())
        run = NAME_RUN.match(text, particle.start() if particle else capital.start(), end)
        yield run  # never None: a capital opens a name word, and so does a particle before one
        position = run.end()


@dataclass(frozen=True)
class Mention:
    """One name in the text, split into the role before it and the name itself."""

    start: int  # of the name, offsets into Article.text
    end: int
    name: str
    role: str | None
    is_organisation: bool
    gender: str | None = None  # "f" or "m" when an honorific or role says so, for "she said" / "he said"
    # A lone name that a descriptor introduces as a body ('electronics firm Hitachi'): safe to print.
    introduced: bool = False


_FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "actress", "mother", "wife", "daughter", "sister", "widow", "grandmother"})
_MALE_WORDS = frozenset({"mr", "sir", "lord", "king", "prince", "actor", "father", "husband", "son", "brother", "widower", "grandfather"})


def gender_of(words: list[str]) -> str | None:
    """'Mrs.', 'spokeswoman' -> "f"; 'Mr.', 'congressman' -> "m"; else None."""
    for word in words:
        plain = fold(word).rstrip(",;:")  # 'the first lady, Michelle Obama'
        if plain in _FEMALE_WORDS or plain.endswith("woman"):
            return "f"
        if plain in _MALE_WORDS or (plain.endswith("man") and plain not in {"german", "human", "ottoman"}):
            return "m"
    return None


@dataclass
class Entity:
    """A person or organisation as the article names it; mutable while the cast is built."""

    name: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    is_organisation: bool = False
    gender: str | None = None
    first_seen: int = 0  # offset of the first mention, to tell apart two people with one surname

    @property
    def is_person_like(self) -> bool:
        """Named as people are: a first name and surname, or a role or honorific; never a lone
        word nobody introduces ('Canterbury', 'Hotseat'), which a pronoun cannot mean."""
        return not self.is_organisation and (len(self.name.split()) > 1 or bool(self.role or self.gender))

    @property
    def surname(self) -> str:
        return fold(self.name.split()[-1])


def strip_possessive(words: list[str]) -> list[str]:
    if words and POSSESSIVE.search(words[-1]) and len(words[-1]) > 2:
        words = [*words[:-1], POSSESSIVE.sub("", words[-1])]
    return words


def strip_common_opening(words: list[str], *, keep_one: bool = False) -> list[str]:
    """A name run without the common words that open it ('But', 'Former'), except a word that
    opens a proper name before another capitalised word ('New York Times' stays whole)."""
    lex = lexicon()
    openers = word_set("name_openers")
    while words[1:] if keep_one else words:
        plain = fold(words[0])
        if plain not in lex.not_names or (plain in openers and words[1:2] and words[1][:1].isupper()):
            break
        words = words[1:]
    return words


def _printed_name(words: list[str]) -> list[str]:
    """The name without honorifics ('Mr Cable' -> 'Cable') or letters after it ('Guy Mansfield QC');
    a peer keeps the title ('Lord Winston')."""
    peerage = word_set("peerage_titles")
    while len(words) > 1 and fold(words[-1]) in word_set("name_suffixes"):
        words = words[:-1]
    while len(words) > 1 and (fold(words[0]) in word_set("honorifics") or fold(words[0]) in peerage):
        if fold(words[0]) in peerage and len(words) == 2:
            break
        words = words[1:]
    return words


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'\u201c\u2018")
    return not before or before[-1] in ".!?\n"


# A quotation mark or a word with a full stop: where a phrase may cross into another sentence.
_MARK_OR_STOP = re.compile(r"[\"\u201c\u201d\u201e]|\S\.\s")
_WORD_WITH_STOP = re.compile(r"\S+\.(?=\s)")
_OF_PLACE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$")


def _after_last_break(text: str, start: int, end: int) -> int:
    """'England." Robinson': a name never reaches back over a quotation mark or a sentence end."""
    cut = max(text.rfind(mark, start, end) for mark in ALL.replace("'", "").replace("\u2019", ""))
    stops = [m.end() for m in _WORD_WITH_STOP.finditer(text, start, end) if ends_sentence(m.group(0))]
    return max(start, cut + 1, stops[-1] if stops else 0)


def mention_at(text: str, start: int, end: int, common_words: frozenset[str] = frozenset()) -> Mention | None:
    """The name in text[start:end] (a run of capitalised words), or None if it is no name.
    `common_words` are words the article writes in lower case: opening a sentence, they are no name."""
    lex = lexicon()
    if _MARK_OR_STOP.search(text, start, end):
        start = _after_last_break(text, start, end)
    words = strip_possessive(text[start:end].split())
    if len(words) == 1 and (fold(words[0]) in lex.not_names or fold(words[0]) in lex.titles):
        return None  # 'The', 'But', 'President': the commonest runs, and never a name
    # 'Observes Mr Hadi', 'Telephone': a common word opening a sentence; 'New York Senator' stays.
    lone_or_before_title = len(words) == 1 or (len(words) > 1 and fold(words[1]) in lex.titles)
    if words and lone_or_before_title and _opens_sentence(text, start) and fold(words[0]) in common_words:
        words = words[1:]
    elif len(words) > 1 and _opens_sentence(text, start) and _is_participle_opener(words[0], common_words):
        words = words[1:]  # 'Asserting Clinton had ...': a participle opening the sentence, then the name
    words = _without_place_possessive(words)
    role_words, name_words = _split_body_name(words)
    name_words = strip_common_opening(name_words, keep_one=True)
    name_words = strip_common_opening(_printed_name(name_words))
    if not name_words or all(fold(w) in lex.titles or fold(w) in lex.not_names for w in name_words):
        return None
    if len(name_words) == 1 and HYPHEN_LOWER.search(name_words[0]):
        return None  # 'The Paris-based pressure group': a description, no name
    if _is_member_description(name_words):
        return None  # 'the Wisconsin Republican said': one party member described by place, no name
    name_start = text.find(name_words[0], start)
    after_office = _office_before(text, name_start)
    if after_office and len(name_words) > len(_person_tail(name_words)):
        # 'Supervisor of Elections Susan Bucher': the office's words, then the person's name.
        role_words = [*role_words, *name_words[: -len(_person_tail(name_words))]]
        name_words = _person_tail(name_words)
        name_start = text.find(name_words[0], name_start)
    name = " ".join(name_words).rstrip(".,")
    # 'the Archbishop of Canterbury', 'the University of Delaware': a place or body, never a person.
    of_place = not after_office and _OF_PLACE.search(text[max(0, name_start - 9) : name_start]) is not None
    acronym = len(name_words) == 1 and len(name) > 1 and name.isupper() and fold(name) not in word_set("place_acronyms")
    introduced = _introduced_as_body(text, name_start, name_start + len(name))
    is_org = of_place or acronym or introduced or _is_organisation_name(name_words) or (
        len(name_words) == 1 and text[max(0, name_start - 4) : name_start].lower() == "the "
    )
    role_words = role_of(text, start, name_start + len(name), role_words, organisation=is_org)
    role = " ".join(role_words) or None
    gender = None if is_org else gender_of([*text[max(0, start - 40) : name_start].split()[-3:], *role_words])
    return Mention(name_start, name_start + len(name), name, role, is_org, gender, introduced)


def _is_participle_opener(word: str, common_words: frozenset[str]) -> bool:
    """'Celebrating', 'Asserting': an -ing form the article writes in lower case too, or a reporting verb."""
    plain = fold(word)
    return plain.endswith("ing") and (plain in common_words or plain in cue_words().forms)


# 'Supervisor of ', 'Archbishop of ': an office held in a body or place, before the words that name it.
_OFFICE_OF = re.compile(r"\b([A-Z][a-z]+) (?:of|for) $")
MIN_OFFICE_RUN = 3  # words after 'Director of': the office's own words, then a first name and surname


def _office_before(text: str, start: int) -> bool:
    """'Director of Communications Jen Psaki': the run at `start` follows an office held 'of' a body
    (never a body's own word: 'Bank of England' names the bank)."""
    match = _OFFICE_OF.search(text, max(0, start - 30), start)
    return match is not None and fold(match.group(1)) not in lexicon().organisation_words


def _person_tail(words: list[str]) -> list[str]:
    """The person's name at the end of an office's run: a first name and a surname, with the
    initials between them ('Communications Jen Psaki' -> 'Jen Psaki'; 'James R. Clapper')."""
    if len(words) < MIN_OFFICE_RUN:
        return words
    tail = words[-2:]
    while len(tail) < len(words) - 1 and re.fullmatch(r"(?:[A-Z]\.)+", tail[0]):
        tail = words[-len(tail) - 1 :]
    return tail


def find_mentions(text: str, start: int, end: int, common_words: frozenset[str] = frozenset()) -> list[Mention]:
    """Every name mention in text[start:end], in order; 'Bank of America' is one mention."""
    mentions = []
    covered = start
    for match in name_runs(text, start, end):
        if match.start() < covered:
            continue  # a later run of an organisation's name already read ('America' in 'Bank of America')
        run_end = organisation_end(text, match.start(), match.end(), end)
        covered = run_end
        if _opens_sentence(text, match.start()) and _describes_with_next_role(text, run_end):
            continue  # 'Popular Christian and corporate speaker Lance Wallnau': the role's first half
        mention = mention_at(text, match.start(), run_end, common_words)
        if mention is not None:
            mentions.append(mention)
    return mentions


# ' and corporate speaker Lance': 'and', lower-case words ending in a role noun, then a name.
_AND_ROLE_THEN_NAME = re.compile(r" and ((?:[a-z][\w-]* ){0,3}?([a-z][\w-]*)) [A-Z]")


def _describes_with_next_role(text: str, run_end: int) -> bool:
    """A run of capitals opening a sentence and joined by 'and' to a role before a name describes
    that person ('Popular Christian and corporate speaker Lance Wallnau'); it names nobody. After a
    role the run is a name ('environmentalist Tom Steyer and fund manager Donald Sussman')."""
    match = _AND_ROLE_THEN_NAME.match(text, run_end)
    return match is not None and fold(match.group(2)) in lexicon().role_nouns


# ------------------------------------------------------------ names of bodies and places


_CONNECTOR = re.compile(r" (of the|of|for|and|&) ")
MAX_ORGANISATION_REACH = 120  # characters back from a name's last run to the start of a body's name


def organisation_end(text: str, start: int, end: int, limit: int) -> int:
    """Where the name that opens with the run text[start:end] ends: past 'of', 'for', 'and' and '&'
    when they join the words of one body's name ('Bank of America', 'UN Economic Commission for
    Europe', 'Baoshan Iron and Steel Co', 'Standard & Poor's'); else `end`. 'of' and 'for' follow a
    word that names a body ('Bank', 'Commission'); 'and' comes before a company's suffix ('Co'),
    since 'Bank of England and Barclays' are two."""
    lex = lexicon()
    suffixes = word_set("company_suffixes")
    last = fold(text[start:end].split()[-1])
    in_tail = False  # after a body's 'of' or 'for', the chain may go on ('Court of Arbitration for Sport')
    while True:
        link = _CONNECTOR.match(text, end, limit)
        run = NAME_RUN.match(text, link.end(), limit) if link else None
        if link is None or run is None:
            return end
        connector, words = link.group(1), strip_possessive(run.group(0).split())
        if connector in {"of", "of the", "for"}:
            joins = in_tail or last in lex.organisation_words
            in_tail = True
        elif connector == "&":
            # 'Standard & Poor's', 'Marks & Spencer'; never 'Rudy Giuliani & Sen. Jeff Sessions'
            joins = len(words) == 1 and len(text[start:end].split()) <= 2
        else:
            joins = fold(words[-1]) in suffixes
        if not joins:
            return end
        end, last = run.end(), fold(words[-1])


def organisation_start(text: str, start: int, end: int, floor: int) -> int:
    """Where the body's name that ends with the run text[start:end] begins ('Bank of' before
    'America'), looking no further back than `floor`; else `start`."""
    for match in name_runs(text, max(floor, start - MAX_ORGANISATION_REACH), start):
        if match.start() > 0 and text[match.start() - 1].isalnum():
            continue  # 'Donald' inside 'McDonald' opens no name
        if organisation_end(text, match.start(), match.end(), end) == end:
            return match.start()
    return start


def _split_body_name(words: list[str]) -> tuple[list[str], list[str]]:
    """split_role for a name that may hold a body's 'of' or 'for': only the run after the last
    joining word may hold a title ('Bank of England Governor Mervyn King'); before it, a title
    word is part of the body's name ('Western Court of Appeal')."""
    link = max((i for i, w in enumerate(words) if w in _JOINING_WORDS), default=None)
    if link is None:
        return split_role(words)
    role, name = split_role(words[link + 1 :])
    return (words[: link + 1] + role, name) if role else ([], words)


_JOINING_WORDS = frozenset({"of", "for", "and", "&"})


def _is_member_description(words: list[str]) -> bool:
    """'Wisconsin Republican', 'Texas Democrat': a place and one member of a party describe a person
    the article names elsewhere; the words are a role, never the name ('Lib Dems' and 'Texas
    Republicans' name a party or a group)."""
    if len(words) < 2 or fold(words[-1]) not in word_set("party_member_nouns"):
        return False
    return all(is_place(w) for w in words[:-1])


def _is_organisation_name(words: list[str]) -> bool:
    """'Bank of America', 'Standard & Poor's': a name with a joining word or a body's word is a body's."""
    lex = lexicon()
    if len(words) > 1 and all(fold(w) in word_set("party_words") for w in words):
        return True  # 'Lib Dems': a party's name, never a person's
    return any(fold(w) in lex.organisation_words or w in _JOINING_WORDS for w in words)


def _introduced_as_body(text: str, start: int, end: int) -> bool:
    """'electronics firm Hitachi', 'Hitachi, the Japanese firm,': a descriptor names a body."""
    descriptors = word_set("organisation_descriptors")
    before = text[max(0, start - 30) : start].split()[-1:]
    if before and before[0].islower() and fold(before[0]) in descriptors:
        return True
    after = _APPOSITIVE_BODY.match(text, end, min(len(text), end + 80))
    return after is not None and fold(after.group(1)) in descriptors


# 'Hitachi, the Japanese firm,' / 'Reporters Without Borders, a media watchdog.'
_APPOSITIVE_BODY = re.compile(r",\s+(?:the|a|an)\s+(?:[\w'\u2019-]+\s+){0,3}?([a-z][\w-]*)(?=[,.;])")


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    data = lexicon().raw
    return frozenset(data["places"]) | frozenset(data["demonyms"])


def is_place(name: str) -> bool:
    """'China', 'Latin America', 'Europeans': a place or its people, never a speaker."""
    key = " ".join(fold(w) for w in name.split())
    return (key[4:] if key.startswith("the ") else key) in _places()


def _without_place_possessive(words: list[str]) -> list[str]:
    """'France's Peugeot' -> 'Peugeot': a country's possessive before a name only says where it is."""
    if len(words) > 1 and POSSESSIVE.search(words[0]) and is_place(POSSESSIVE.sub("", words[0])):
        return words[1:]
    return words


# A word written in lower case somewhere is a common word when it opens a sentence in capitals.
_LOWER_CASE_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]+")


class Cast:
    """The people and organisations of one article, looked up by any name or alias."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []  # every name in the body, in order
        self._by_key: dict[str, list[Entity]] = {}
        self.lower_case_words: frozenset[str] = frozenset()  # words the article writes in lower case
        self.surname_gender: dict[str, str | None] = {}  # 'obama' -> "m" after 'Mr. Obama'; None if both

    def _index(self, entity: Entity, alias: str) -> None:
        if alias not in entity.aliases and alias != entity.name:
            entity.aliases.append(alias)
        bucket = self._by_key.setdefault(fold(alias), [])
        if entity not in bucket:
            bucket.append(entity)

    def is_shared(self, name: str) -> bool:
        """Two or more entities go by this name or alias."""
        return len(self._by_key.get(fold(" ".join(strip_possessive(name.split()))), ())) > 1

    def alias(self, entity: Entity, name: str) -> None:
        """Let `name` find `entity` too."""
        self._index(entity, name)

    def add(self, mention: Mention) -> Entity:
        """The entity this mention names, created when it is new."""
        entity = self.lookup(mention.name)
        # 'Mr. Obama' ... 'the first lady, Michelle Obama': one surname, two people.
        other_person = (
            entity is not None
            and mention.gender is not None
            and len(entity.name.split()) == 1
            and self.surname_gender.get(fold(entity.name), mention.gender) != mention.gender
        )
        if entity is None or other_person:
            entity = Entity(mention.name, mention.role, is_organisation=mention.is_organisation, first_seen=mention.start)
            self.entities.append(entity)
            self._by_key.setdefault(fold(entity.name), []).append(entity)
            if not entity.is_organisation and len(entity.name.split()) > 1:
                self._index(entity, entity.name.split()[-1])
            elif entity.is_organisation and _short_form(entity.name):
                self._index(entity, _short_form(entity.name))
        elif len(mention.name.split()) > len(entity.name.split()) and mention.name.split()[-1] == entity.name.split()[-1]:
            self._index(entity, entity.name)
            entity.name = mention.name
        else:
            self._index(entity, mention.name)
        if entity.role is None and mention.role:
            entity.role = mention.role
        entity.gender = entity.gender or mention.gender
        if mention.role and not entity.is_organisation and len(mention.name.split()) == 1:
            self._index(entity, f"{mention.role.split()[-1]} {mention.name}")
        return entity

    def lookup(self, name: str, before: int | None = None) -> Entity | None:
        """The entity with this name or alias. For a surname two people share ('Clinton' of Hillary
        and Bill Clinton), one the article named before offset `before`: of two, the one it named
        first, whom the story is about ('President Bill Clinton' in passing does not take Hillary's
        'Clinton said'); None when it named neither yet. Without `before`, the latest one added."""
        words = strip_possessive(name.split())
        words = strip_common_opening(split_role(words)[1], keep_one=True) if len(words) > 1 else words
        name = " ".join(words)
        key = fold(name)
        bucket = self._by_key.get(key)
        if bucket:
            if before is None or len(bucket) == 1:
                return bucket[-1]
            named = [entity for entity in bucket if entity.first_seen < before]
            return min(named, key=lambda entity: entity.first_seen) if named else None
        if len(words) > 1:
            by_surname = self._by_key.get(fold(words[-1]), [])
            for entity in reversed(by_surname):
                if fold(entity.name.split()[0]) == fold(words[0]) or len(entity.name.split()) == 1:
                    return entity
        return None


def _short_form(name: str) -> str | None:
    """'Baoshan' for 'Baoshan Iron and Steel Co': a company goes on under the first word of its
    name when that word is its own ('Bank' of 'Bank of England' is not; nor a place or a common word)."""
    lex = lexicon()
    words = name.split()
    if len(words) < 3 or fold(words[-1]) not in word_set("company_suffixes"):
        return None
    first = fold(words[0])
    if first in lex.organisation_words or first in lex.not_names or is_place(words[0]):
        return None
    return words[0]


# 'the National Association of Automobile Manufacturers of South Africa (NAAMSA)', 'the North American
# Court of Arbitration for Sport (CAS)'; and 'the Internet Corporation for Assigned Names and Numbers, Icann.'
_FULL_NAME = r"([A-Z][\w&'\u2019-]*(?:\s+(?:[A-Z][\w&'\u2019-]*|of|for|and|on|de|du))*)"
_ACRONYM_DEFINITION = re.compile(rf"{_FULL_NAME}\s+\(([A-Z][A-Za-z&]{{1,9}})\)")
_ACRONYM_APPOSITION = re.compile(rf"{_FULL_NAME},\s+([A-Z][A-Za-z]{{1,9}})(?=[.,;:)]|\s+[a-z])")


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(letter in letters for letter in short)


def _add_acronyms(cast: Cast, text: str, start: int, end: int) -> None:
    """A body named in full with its acronym after it speaks under the full name ('NAAMSA said',
    'Icann said'). In brackets the acronym's letters are capitals of the name in order ('CAS' of
    'North American Court of Arbitration for Sport'); after a comma, all of them, in mixed case too."""
    found = [(m, False) for m in _ACRONYM_DEFINITION.finditer(text, start, end)]
    found += [(m, True) for m in _ACRONYM_APPOSITION.finditer(text, start, end)]
    for match, exact in found:
        words = strip_common_opening(match.group(1).split())
        if words and POSSESSIVE.search(words[0]) and len(words) > 2:
            words = words[1:]  # "Britain's Office of Fair Trading (OFT)"
        capitals = "".join(c for w in words for c in w if c.isupper())
        acronym = match.group(2).upper()
        fits = acronym == capitals if exact else _is_subsequence(acronym, capitals)
        if len(words) < 2 or not fits:
            continue
        entity = cast.add(Mention(match.start(2), match.end(2), " ".join(words), None, True))
        cast.alias(entity, match.group(2))


# "Ahmed 'Mido' Hossam": a nickname in quotation marks between a first name and a surname.
_NICKNAMED = re.compile(r"\b([A-Z][a-z]+) ['\u2018\"\u201c]([A-Z][\w-]+)['\u2019\"\u201d] ([A-Z][\w'\u2019-]*[a-z])\b")


def _add_nicknamed(cast: Cast, text: str, start: int, end: int) -> None:
    """A person printed with a nickname is one person under the whole name and goes on under either
    the nickname ('Mido said') or the surname."""
    lex = lexicon()
    for match in _NICKNAMED.finditer(text, start, end):
        if fold(match.group(1)) in lex.not_names or fold(match.group(1)) in lex.titles:
            continue
        entity = cast.add(Mention(match.start(), match.end(), match.group(0), None, False))
        cast.alias(entity, match.group(2))


def build_cast(article: Article) -> Cast:
    """Every name in the body, in article order, merged by surname."""
    cast = Cast()
    cast.lower_case_words = frozenset(_LOWER_CASE_WORD.findall(article.text))
    for paragraph in article.paragraphs:
        _add_acronyms(cast, article.text, paragraph.start, paragraph.end)
        _add_nicknamed(cast, article.text, paragraph.start, paragraph.end)
    for paragraph in article.paragraphs:
        for mention in find_mentions(article.text, paragraph.start, paragraph.end, cast.lower_case_words):
            cast.mentions.append(mention)
            if len(mention.name.split()) > 1 or mention.role or mention.introduced:
                cast.add(mention)
            elif mention.gender:
                # 'Mr. Obama said': whom a later 'Michelle Obama' is not. Kept apart from the entity's
                # gender, which pronouns follow: the lone surname may stand for two people.
                key = fold(mention.name)
                seen = cast.surname_gender.get(key, mention.gender)
                cast.surname_gender[key] = mention.gender if seen == mention.gender else None
    for entity, role in settle_roles(article, cast.mentions, lambda mention: cast.lookup(mention.name)):
        entity.role = role
    return cast


def _person_matches(person: Person, speaker: Speaker) -> bool:
    keys = {fold(person.name), *(fold(a) for a in person.aliases)}
    return bool(keys & {fold(speaker.name), *(fold(a) for a in speaker.aliases)})


def apply_people(speakers: tuple[Speaker, ...], people: tuple[Person, ...]) -> tuple[tuple[Speaker, ...], dict[str, str]]:
    """people.yml entries override matching speakers; returns them and each old name -> its canonical name."""
    renamed: dict[str, str] = {}
    merged: dict[str, Speaker] = {}
    for speaker in speakers:
        person = next((p for p in people if _person_matches(p, speaker)), None)
        updated = speaker if person is None else _as_person(speaker, person)
        renamed[speaker.name] = updated.name
        previous = merged.get(updated.name)
        if previous is not None:
            aliases = tuple(dict.fromkeys((*previous.aliases, *updated.aliases)))
            updated = replace(previous, aliases=aliases, quotes=previous.quotes + updated.quotes, reported=previous.reported + updated.reported)
        merged[updated.name] = updated
    return tuple(merged.values()), renamed


def _as_person(speaker: Speaker, person: Person) -> Speaker:
    """The speaker under the people.yml name and role, keeping every name the article used."""
    names = (*person.aliases, *speaker.aliases, speaker.name)
    aliases = tuple(dict.fromkeys(a for a in names if a != person.name))
    return replace(speaker, name=person.name, role=person.role or speaker.role, aliases=aliases, type=SpeakerType.PERSON)
