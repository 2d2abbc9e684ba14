"""The actors of a sentence: people with a party, parties written as names, and the words that refer back
to them; the parties that only belong to a person ("(V)", "Venstres ordfører", "formand for SF") are none."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Span

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.quotes import Quotes
from tracker.nlp.attribution.references import Collective, References
from tracker.nlp.model import PARTY, SPEAKER, Mention
from tracker.nlp.words import is_genitive


@dataclass
class Actor:
    """A person or party mention, or a resolved pronoun, standing in a sentence."""

    start: int  # token index
    end: int
    mention: Mention | None  # None when the pronoun could not be resolved to a politician
    pronoun: bool = False
    more: list[Mention] = field(default_factory=list)  # the others a collective noun refers to

    @property
    def holders(self) -> list[Mention]:
        return [m for m in [self.mention, *self.more] if m is not None]

    @property
    def is_party(self) -> bool:
        return self.mention is not None and self.mention.kind == PARTY


class Actors:
    """Finds the actors of a sentence."""

    def __init__(self, article: ArticleText, quotes: Quotes, references: References):
        self.article, self.quotes, self.references, self.words = article, quotes, references, article.words
        self.row_parties = references.row_parties
        self.person_ends = sorted(m.end_char for m in references.people)

    def actors_in(self, sentence: Span, first: int = 0, last: int | None = None) -> dict[int, Actor]:
        """Token index -> actor for the people, parties, pronouns and role nouns of a sentence
        (only those on tokens first..last-1 when given: the rest of the sentence is not read)."""
        article, quotes, refs = self.article, self.quotes, self.references
        first, last = max(first, sentence.start), sentence.end if last is None else min(last, sentence.end)
        actors: dict[int, Actor] = {}
        for mention in article.mentions_in(sentence.start_char, sentence.end_char):
            tokens = article.token_range(mention)
            if tokens is None:
                continue
            start, end = tokens
            if end <= first or start >= last or start >= end:
                continue
            if quotes.is_quoted(mention.start_char) or not self.usable(mention, sentence):
                continue
            actor = Actor(start, end, mention)
            for i in range(start, end):
                actors[i] = actor
        for token in article.reference_tokens(first, last):
            if token.i in actors or quotes.is_quoted(token.idx):
                continue
            gender = self.words["pronouns"].get(token.lower_)
            if gender:
                actors[token.i] = Actor(token.i, token.i + 1, refs.resolve_pronoun(token.idx, gender), pronoun=True)
            elif refs.party_noun_at(token, sentence) and (mention := refs.resolve_party_noun(token, sentence)) is not None:
                actors[token.i] = Actor(token.i, token.i + 1, mention, pronoun=True)
            elif (mention := refs.resolve_role_noun(token)) is not None:
                actors[token.i] = Actor(token.i, token.i + 1, mention, pronoun=True)
            else:
                self.add_collective(token, sentence, actors)
        return actors

    def add_collective(self, token, sentence: Span, actors: dict[int, Actor]) -> None:
        """An actor for a collective noun or plural pronoun at token, standing for those named before it."""
        refs = self.references
        collective = (refs.collective_at(token, sentence) or refs.plural_pronoun_at(token, sentence)
                      or refs.definite_collective_at(token, sentence))
        if collective is None:
            return
        named = self.named_together(actors, token.i) if collective.same_sentence else \
            self.named_before(sentence, collective)
        if named:
            actor = Actor(token.i, collective.end, named[0], pronoun=True, more=named[1:])
            for i in range(token.i, collective.end):
                actors.setdefault(i, actor)

    def named_before(self, sentence: Span, collective: Collective) -> list[Mention]:
        """The politicians (or else the parties) named outside quotes in the sentence before (or, when it
        names none, the one before that, up to ``collective.reach`` back); "partier" asks for parties (else the
        parties of the people named).
        A collective noun that says how many ("de to", "trioen") needs that many."""
        previous = sentence
        for _ in range(collective.reach):
            previous = self.article.sentence_before(previous)
            if previous is None:
                return []
            named = [m for m in self.article.mentions_in(previous.start_char, previous.end_char)
                     if not self.quotes.is_quoted(m.start_char) and m.party and self.usable(m, previous)]
            if named:
                break
        people = list({m.name: m for m in named if m.kind == SPEAKER}.values())
        parties = list({m.party: m for m in named if m.kind == PARTY}.values())
        if collective.parties:  # "de to partier": the parties named, else the parties of the people named
            parties = parties or [self.references.party_of(m) for m in {m.party: m for m in people}.values()]
            people = []
        for found in (people, parties):
            if found and collective.size in (None, len(found)) and not (collective.together and len(found) < 2):
                return found
        return []

    def named_together(self, actors: dict[int, Actor], before: int) -> list[Mention]:
        """The two or more people or parties of the first run of actors before token ``before`` that only
        joiners ("og", ",") separate: "Venstre og SF stemmer nej, fordi de ..."."""
        run: list[Actor] = []
        for actor in sorted({id(a): a for i, a in actors.items() if i < before}.values(), key=lambda a: a.start):
            if run and not all(self.article.lower(j) in self.words["joiners"] for j in range(run[-1].end, actor.start)):
                break
            run.append(actor)
        holders = list({(m.name, m.party): m for actor in run for m in actor.holders}.values())
        return holders if len(holders) >= 2 else []

    def usable(self, mention: Mention, sentence: Span) -> bool:
        """People with a party; parties written as names (not "socialdemokratisk", not a tag or genitive)."""
        if mention.kind == SPEAKER:
            return mention.party is not None
        if not self.named_party(mention) or (self.row_parties and mention.party not in self.row_parties):
            return False
        return not self.attached(mention)

    def named_party(self, party: Mention) -> bool:
        """A party written as a name ("Venstre") or as its members ("socialdemokraterne"), but not some of
        its members ("flere venstrefolk", "flere i Venstre", "nogle af Venstres")."""
        words = self.words
        before = [w.lower() for w in self.article.text[max(0, party.start_char - 40):party.start_char].split()]
        if before[-2:-1] and before[-2] in words["quantifiers"] and before[-1] in words["inside"]:
            return False
        if party.text[:1].isupper():
            return True
        quantified = bool(before) and before[-1] in words["quantifiers"]
        return party.text.lower() in words["party_plurals"] and not quantified

    def attached(self, party: Mention) -> bool:
        """A party that belongs to a person: "(V)", "Venstres ordfører", "formand for SF", "SF-formand"."""
        text, words = self.article.text, self.words
        if text[party.start_char - 1:party.start_char] in ("(", "-") or text[party.end_char:party.end_char + 1] == "-":
            return True
        after = text[party.end_char:party.end_char + 60].split()
        if is_genitive(party.text) and after and (words.is_role_word(after[0]) or after[0][:1].isupper()):
            return True
        before = text[max(0, party.start_char - 80):party.start_char].split()
        if before and (before[-1].lower() in words["links"] or before[-1].lower() in words["source"]) \
                and len(before) > 1:
            window = [w.rstrip(",") for w in before[-5:-1]]
            return any(words.is_role_word(w) for w in window) or self.person_ends_near(party.start_char)
        return False

    def person_ends_near(self, pos: int) -> bool:
        """True when a person's mention ends 1 to 6 characters before pos."""
        k = bisect_left(self.person_ends, pos - 6)
        return k < len(self.person_ends) and self.person_ends[k] <= pos - 1
