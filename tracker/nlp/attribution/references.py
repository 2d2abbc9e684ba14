"""Words that refer back to a politician named before: "han"/"hun" (the last person named who fits),
role nouns ("formanden", "SF-formanden"), party nouns ("partiet") and collective nouns ("kvintetten",
"de to"). Each look-up is a bisection in a list made once per article, so none grows with the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Span

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.quotes import Quotes
from tracker.nlp.model import PARTY, SPEAKER, Mention
from tracker.nlp.ranges import Ordered

NAME_LIKE = re.compile(r"(?<![\w.])([A-ZÆØÅ][a-zæøå]+)\s(?:[A-ZÆØÅ]\.\s)?[A-ZÆØÅ][a-zæøå]+")


class References:
    """Resolves the words that refer back, for one article."""

    def __init__(self, article: ArticleText, quotes: Quotes, first_names: dict[str, str],
                 row_parties: set[str] | None):
        self.article, self.quotes, self.words = article, quotes, article.words
        self.first_names = first_names  # first name -> "M" / "F" (from the registry)
        self.row_parties = row_parties  # parties that may have rows of their own (national ones)
        self.people = [m for m in article.mentions if m.kind == SPEAKER]
        self._fitting: dict[str, Ordered] = {}
        self._with_role: dict[tuple[str, str | None], Ordered] = {}
        self._names_from: dict[int, NamesFrom] = {}
        self._holders: Ordered | None = None

    def resolve_pronoun(self, pos: int, gender: str) -> Mention | None:
        """The last politician named before pos (outside quotes) who fits the pronoun's gender."""
        if gender not in self._fitting:
            self._fitting[gender] = Ordered(
                [m for m in self.people if not self.quotes.is_quoted(m.start_char)
                 and m.gender in (None, gender)], key=lambda m: m.start_char)
        last = self.known_alongside(self._fitting[gender].last_before(pos), gender)
        if last is None:
            return None
        if self.other_person_between(last.end_char, pos, gender) or last.party is None:
            return None
        return last

    def known_alongside(self, last: Mention | None, gender: str) -> Mention | None:
        """``last``, or when its gender is unknown a person of the pronoun's known gender named before it in the
        same sentence ("Ole Nybo (V) og Anna Holm (SF) ... siger han": Ole Nybo, a man's name)."""
        if last is None or last.gender is not None:
            return last
        fitting = self._fitting[gender]
        text = self.article.doc.text
        k = bisect_left(fitting.keys, last.start_char)
        for earlier in reversed(fitting.items[:k]):
            if any(mark in text[earlier.end_char:last.start_char] for mark in ".!?\n"):
                break
            if earlier.gender == gender:
                return earlier
        return last

    def other_person_between(self, start: int, end: int, gender: str) -> bool:
        """True when a person who is no politician ("Anna Jensen, direktør") is named in between."""
        if start not in self._names_from:
            self._names_from[start] = NamesFrom(self, start)
        return self._names_from[start].block(end, gender)

    def blocks(self, match: re.Match, gender: str | None = None) -> str | None:
        """The gender of a name-like match that is no mention and not quoted (None if it has none)."""
        found = self.first_names.get(match.group(1))
        if found is None or (gender is not None and found != gender):
            return None
        if self.quotes.is_quoted(match.start()) or self.article.in_mention_of(None, match.start()):
            return None
        return found

    def resolve_role_noun(self, token) -> Mention | None:
        """"formanden", "SF-formanden", "ministeren": the last person named with that role (and, for
        "SF-formanden", of that party)."""
        word = token.lower_
        if not word.endswith("en") or not self.words.is_role_word(word[:-2]):
            return None
        head = word[:-2].split("-")[-1]
        prefix = self.article.mentions_in(token.idx, token.idx + 1) if "-" in word else []
        party = prefix[0].party if prefix and prefix[0].kind == PARTY else None
        if (head, party) not in self._with_role:
            self._with_role[head, party] = Ordered(
                [m for m in self.people if m.role and m.role.split("-")[-1].endswith(head) and m.party
                 and party in (None, m.party)], key=lambda m: m.start_char)
        return self._with_role[head, party].last_before(token.idx)

    def resolve_party_noun(self, token, sentence: Span) -> Mention | None:
        """"partiet", "partiets": the party named last before it in its sentence, else the party named first
        in the last sentence before that names one (the subject rather than an object: "Hos Liberal Alliance
        har man forståelse for Dansk Folkepartis udmelding. Partiet ..." is Liberal Alliance); a person
        stands for the person's party."""
        if self._holders is None:
            rows = self.row_parties
            self._holders = Ordered(
                [m for m in self.article.mentions if not self.quotes.is_quoted(m.start_char) and m.party
                 and (m.kind == SPEAKER or rows is None or m.party in rows)], key=lambda m: m.start_char)
        mention = self._holders.last_before(token.idx)
        if mention is None:
            return None
        if mention.start_char < sentence.start_char:
            chars = self.article.sentence_chars
            start = chars[bisect_right(chars, mention.start_char) - 1]
            holders = self._holders
            mention = holders.items[bisect_left(holders.keys, start)]
        return Mention(PARTY, token.idx, token.idx + len(token.text), token.text, name=mention.party,
                       party=mention.party, party_source="context")

    def after_actors(self, i: int) -> bool:
        """True when token i follows a name, a party or its tag, with at most a comma between."""
        article = self.article
        j = i - 1 if i > 0 and article.word(i - 1) != "," else i - 2
        return j >= 0 and (article.word(j) == ")" or article.in_mention_of(None, article.token_starts[j]))

    def plural_pronoun_at(self, token, sentence: Span) -> "Collective | None":
        """"de" as a pronoun ("Det oplyser de i en pressemeddelelse", "De vil nu"), not an article ("de nye
        regler"): punctuation, a filler, a modal or a cue verb follows it. Only as the subject of the sentence
        (its first word, or right after a verb before its subject), not in a clause ("..., at de vil")."""
        words, i = self.words, token.i
        if token.lower_ not in words["plural_pronouns"]:
            return None
        verb = self.article.doc[i - 1] if i > sentence.start else None
        same = verb is not None and verb.lower_ in words["reason_conjunctions"]
        if verb is not None and not (same or words.has(verb, "speech") or words.has(verb, "position")):
            return None
        after = self.article.doc[i + 1] if i + 1 < sentence.end else None
        if after is None or not after.is_alpha or words.has(after, "filler") or after.lower_ in words["modals"] \
                or words.has(after, "speech") or words.has(after, "position"):
            return Collective(i + 1, None, False, together=True, same_sentence=same)
        return None

    def definite_collective_at(self, token, sentence: Span) -> "Collective | None":
        """"Partierne vil nu", "skriver partierne", "at partierne mener": the parties named together before."""
        article, words, i = self.article, self.words, token.i
        if token.lower_ not in words["definite_collectives"]:
            return None
        verb = article.doc[i - 1] if i > sentence.start else None
        if verb is not None and not (words.has(verb, "speech") or words.has(verb, "position") or verb.lower_ == "at"):
            return None
        end = token.idx + len(token.text)
        following = article.text[end:end + 12].lower().split()
        narrowed = not following or following[0].startswith(",") or following[0] in words["not_after_definite"] \
            or " ".join(following[:2]) in words["not_after_definite"]
        if narrowed or (i + 1 < len(article) and article.in_party(i + 1)):
            return None
        return Collective(i + 1, None, True, together=True, reach=4)

    @staticmethod
    def party_of(person: Mention) -> Mention:
        """The party of a person, as a party mention where the person is named."""
        return Mention(PARTY, person.start_char, person.end_char, person.text, name=person.party,
                       party=person.party, party_source="context")

    def party_noun_at(self, token, sentence: Span) -> bool:
        """"partiet", "partiets" standing for the party, not "andre i partiet" (some of its members); "I partiet
        er man imod" (the preposition opening the sentence) is the party as a side."""
        words, i = self.words, token.i
        before = self.article.doc[i - 1].lower_ if i > 0 else ""
        if token.lower_ not in words["party_nouns"]:
            return False
        side = i - 1 == sentence.start and before in words["side_prepositions"]
        return side or before not in words["inside"]

    def collective_at(self, token, sentence: Span) -> "Collective | None":
        """"Kvintetten", "de to", "Begge partier", "De tre partier": a noun for the actors named just before."""
        article, words, i = self.article, self.words, token.i
        if token.lower_ in words["floating_quantifiers"] and self.after_actors(i):
            return None  # "Anna Holm og Bo Lund, begge fortørnede": the ones just named
        if token.lower_ in words["collective"]:
            last, end = token.lower_, i + 1
        elif i + 1 < len(article) and f"{token.lower_} {article.lower(i + 1)}" in words["collective"]:
            after = article.doc[i + 2] if i + 2 < len(article) else None
            if not (after is None or not after.is_alpha or after.lower_ in words["collective_nouns"]
                    or words.has(after, "position") or words.has(after, "filler")):
                return None
            last, end = article.lower(i + 1), i + 2
        else:
            return None
        noun = article.lower(end) if end < min(len(article), sentence.end) else ""
        if noun in words["collective_nouns"]:
            end += 1
        return Collective(end, words["collective_sizes"].get(last), noun in words["party_collectives"])


@dataclass(frozen=True)
class Collective:
    """A collective noun: the token after it, how many it stands for (None: not said), and whether it says
    "partier"."""

    end: int
    size: int | None
    parties: bool
    together: bool = False  # stands for two or more ("de")
    reach: int = 2  # how many sentences back it may refer
    same_sentence: bool = False  # refers to the subject named together earlier in its own sentence


class NamesFrom:
    """The name-like word pairs (NAME_LIKE) from one position on, found only as far as asked.

    ``block(end, gender)`` is ``any(...)`` over ``NAME_LIKE.finditer(text, start, end)`` for a blocking name of
    that gender: the matches of the search cut at ``end`` are those of the uncut search that end by ``end``,
    plus at most the uncut match that crosses ``end``, cut short (the pattern has no look-ahead, and a cut
    can only shorten its last word), so one scan serves every ``end``."""

    def __init__(self, references: References, start: int):
        self.references, self.found, self.ends = references, [], []
        self.first_block: dict[str, int] = {}  # gender -> end of the first blocking match
        self.matches = NAME_LIKE.finditer(references.article.text, start)
        self.next = next(self.matches, None)

    def block(self, end: int, gender: str) -> bool:
        while self.next is not None and self.next.end() <= end:
            found = self.references.blocks(self.next)
            if found is not None:
                self.first_block.setdefault(found, self.next.end())
            self.found.append(self.next)
            self.ends.append(self.next.end())
            self.next = next(self.matches, None)
        if self.first_block.get(gender, end + 1) <= end:
            return True
        k = bisect_right(self.ends, end)
        crossing = self.found[k] if k < len(self.found) else self.next
        if crossing is None or crossing.start() >= end:
            return False
        cut = NAME_LIKE.match(self.references.article.text, crossing.start(), end)
        return cut is not None and self.references.blocks(cut, gender) is not None
