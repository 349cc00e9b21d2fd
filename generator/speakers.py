"""Who is who in one article: person and organisation names, their roles and aliases.

A news article introduces a person once in full ("Kremlin spokesman Dmitry
Peskov") and then by surname ("Peskov said"), pronoun ("he said") or role
("the spokesman"). `build_cast` reads every name mention in the body so that
`generator.quotes` can map each of those back to one canonical name, and
`apply_people` lets site_config/people.yml override and merge them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from generator.model import Article, Person, Speaker

LEXICON_PATH = Path(__file__).parent / "data" / "quote_lexicon.json"
# A name's words: capitalised words, initials and the particles inside names.
NAME_WORD = r"(?:[A-Z][\w'\u2019.-]*|(?<![\w'\u2019.-])(?:de|da|del|della|di|van|von|der|den|le|la|bin|al|el|ibn)(?=\s+[A-Z]))"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s{NAME_WORD})*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# How many words before a name may hold its role ("Deputy Foreign Minister").
MAX_ROLE_WORDS = 5


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    role_nouns: frozenset[str]
    organisation_words: frozenset[str]
    not_names: frozenset[str]
    group_nouns: frozenset[str]
    raw: dict


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The hand-made word lists in generator/data/quote_lexicon.json."""
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    return Lexicon(
        titles=frozenset(data["titles"]),
        role_nouns=frozenset(data["role_nouns"]),
        organisation_words=frozenset(data["organisation_words"]),
        not_names=frozenset(data["not_names"]),
        group_nouns=frozenset(data["group_nouns"]),
        raw=data,
    )


@lru_cache(maxsize=16384)
def fold(word: str) -> str:
    """Lower-case, accents and trailing dots removed: the form used to compare names."""
    if word.isascii():
        return word.lower().rstrip(".")
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).lower().rstrip(".").replace("\u2019", "'")


@dataclass(frozen=True)
class Mention:
    """One name in the text, split into the role before it and the name itself."""

    start: int  # of the name, offsets into Article.text
    end: int
    name: str
    role: str | None
    is_organisation: bool
    gender: str | None = None  # "f" or "m" when an honorific or role says so, for "she said" / "he said"


_FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "actress", "mother", "wife", "daughter", "sister", "widow", "grandmother"})
_MALE_WORDS = frozenset({"mr", "sir", "lord", "king", "prince", "actor", "father", "husband", "son", "brother", "widower", "grandfather"})


def gender_of(words: list[str]) -> str | None:
    """'Mrs.', 'spokeswoman' -> "f"; 'Mr.', 'congressman' -> "m"; else None."""
    for word in words:
        plain = fold(word)
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

    @property
    def surname(self) -> str:
        return fold(self.name.split()[-1])


def strip_possessive(words: list[str]) -> list[str]:
    if words and _POSSESSIVE.search(words[-1]) and len(words[-1]) > 2:
        words = [*words[:-1], _POSSESSIVE.sub("", words[-1])]
    return words


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """('Deputy Foreign Minister Sergei Ryabkov') -> (role words, name words)."""
    lex = lexicon()
    if words and fold(words[-1]) in lex.organisation_words:
        return [], words  # 'State Department': the whole run is the organisation's name
    role: list[str] = []
    cut = 0
    while cut < len(words) - 1 and (fold(words[cut]) in lex.titles or fold(words[cut]) in lex.not_names):
        role = [] if fold(words[cut]) in lex.not_names else [*role, words[cut]]
        cut += 1
    return role, words[cut:]


def _role_before(text: str, start: int) -> list[str]:
    """Lower-case role words right before a name: 'Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov'."""
    lex = lexicon()
    words = text[max(0, start - 80) : start].split()[-MAX_ROLE_WORDS:]
    role: list[str] = []
    for word in reversed(words):
        plain = fold(word.strip(",;:()"))
        if word[-1] in ",;:()" or not (plain in lex.titles or plain in lex.role_nouns or word[:1].isupper() or plain in {"of", "for"}):
            break
        role.insert(0, word)
    while role and (fold(role[0]) in lex.not_names or fold(role[0]) in {"of", "for"}):
        role.pop(0)
    has_role_word = any(fold(w) in lex.role_nouns or fold(w) in lex.titles for w in role)
    return role if has_role_word else []


def mention_at(text: str, start: int, end: int) -> Mention | None:
    """The name in text[start:end] (a run of capitalised words), or None if it is no name."""
    lex = lexicon()
    words = strip_possessive(text[start:end].split())
    role_words, name_words = split_role(words)
    while name_words and fold(name_words[0]) in lex.not_names:
        name_words = name_words[1:]
    if not name_words or all(fold(w) in lex.titles or fold(w) in lex.not_names for w in name_words):
        return None
    name = " ".join(name_words).rstrip(".,")
    name_start = text.find(name_words[0], start)
    role_words = _role_before(text, name_start) if not role_words else _role_before(text, start) + role_words
    is_org = any(fold(w) in lex.organisation_words for w in name_words) or (
        len(name_words) == 1 and text[max(0, name_start - 4) : name_start].lower() == "the "
    )
    role = " ".join(role_words) or None
    gender = None if is_org else gender_of([*text[max(0, start - 40) : name_start].split()[-3:], *role_words])
    return Mention(name_start, name_start + len(name), name, None if is_org else role, is_org, gender)


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Every name mention in text[start:end], in order."""
    mentions = []
    for match in NAME_RUN.finditer(text, start, end):
        mention = mention_at(text, match.start(), match.end())
        if mention is not None:
            mentions.append(mention)
    return mentions


class Cast:
    """The people and organisations of one article, looked up by any name or alias."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []  # every name in the body, in order
        self._by_key: dict[str, list[Entity]] = {}

    def _index(self, entity: Entity, alias: str) -> None:
        if alias not in entity.aliases and alias != entity.name:
            entity.aliases.append(alias)
        bucket = self._by_key.setdefault(fold(alias), [])
        if entity not in bucket:
            bucket.append(entity)

    def add(self, mention: Mention) -> Entity:
        """The entity this mention names, created when it is new."""
        entity = self.lookup(mention.name)
        if entity is None:
            entity = Entity(mention.name, mention.role, is_organisation=mention.is_organisation)
            self.entities.append(entity)
            self._by_key.setdefault(fold(entity.name), []).append(entity)
            if not entity.is_organisation and len(entity.name.split()) > 1:
                self._index(entity, entity.name.split()[-1])
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

    def lookup(self, name: str) -> Entity | None:
        """The entity with this name or alias; for a shared surname the latest one added."""
        words = strip_possessive(name.split())
        words = split_role(words)[1] if len(words) > 1 else words
        name = " ".join(words)
        key = fold(name)
        bucket = self._by_key.get(key)
        if bucket:
            return bucket[-1]
        if len(words) > 1:
            by_surname = self._by_key.get(fold(words[-1]), [])
            for entity in reversed(by_surname):
                if fold(entity.name.split()[0]) == fold(words[0]) or len(entity.name.split()) == 1:
                    return entity
        return None


def build_cast(article: Article) -> Cast:
    """Every name in the body, in article order, merged by surname."""
    cast = Cast()
    for paragraph in article.paragraphs:
        for mention in find_mentions(article.text, paragraph.start, paragraph.end):
            cast.mentions.append(mention)
            if len(mention.name.split()) > 1 or mention.role:
                cast.add(mention)
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
            updated = replace(previous, aliases=aliases, quotes=previous.quotes + updated.quotes)
        merged[updated.name] = updated
    return tuple(merged.values()), renamed


def _as_person(speaker: Speaker, person: Person) -> Speaker:
    """The speaker under the people.yml name and role, keeping every name the article used."""
    names = (*person.aliases, *speaker.aliases, speaker.name)
    aliases = tuple(dict.fromkeys(a for a in names if a != person.name))
    return replace(speaker, name=person.name, role=person.role or speaker.role, aliases=aliases, is_organisation=False)
