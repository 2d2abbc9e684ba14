"""Who holds a position: statement candidates from quotes and reported speech (factory ``tracker_attribution``).

Direct quotes are paragraphs opening with a dash or a quote mark (and »…« / "…" inside a sentence),
closed by ", siger X", ", lyder det fra X", ", mener X" ...; a quote paragraph without a speaker takes
the speaker of its neighbours in the same run of quote paragraphs. "han"/"hun" is the last person
named who fits. Indirect speech: a group of actors ("Mette Testesen (V)", "Venstre og SF") that is
the subject of a cue verb ("mener", "kræver", "er imod", "går sammen om", "meldte ... ud, at"), stands
right after one ("Det mener X", "stemte også X for", "Det samme gør X"), follows a preposition of
support or authorship ("ifølge X", "kritik fra X", "bakkes op af X", "en aftale med X"), owns an aim
("Socialdemokratiets mål er"), or is a side of a debate. Objects are no speakers ("at presse X til",
"opfordrer X til", "regeringens plan, som X præsenterer"). Parties named as such give party rows
(speaker None) where no person speaks in the sentence. Cue words live in ``data/speech_verbs.toml``;
``attribution_cues`` holds the word tests. For speed only the sentences with a mention, or with a word
that may refer back to one (a lexeme flag read with ``doc.to_array``), are read for reported speech,
and the word tests of grouping and cue contexts read words from the text by token offsets (`word`,
`lower`) rather than making Token objects.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from tracker.nlp.attribution_cues import Ranges, cues, has_cue, reference_flag, role_word
from tracker.nlp.mentions import build_first_name_genders, role_modifiers
from tracker.nlp.model import PARTY, SPEAKER, Mention, StatementCandidate, doc_text
from tracker.nlp.ranges import Ordered

STANDS_WITH = [["står", "det", "til"], ["det", "står", "til"], ["stod", "det", "til"], ["det", "stod", "til"]]
QUOTE_OPENERS = ("- ", "– ", "— ", "»", '"', "“", "„")
INLINE_QUOTE = re.compile(r"»[^«\n]*«|\"[^\"\n]*\"|“[^”\n]*”|„[^“”\n]*[“”]")
GENITIVES = ("s", "'s", "’s")
CLOSERS = ("«", '"', "”")  # the end of the token before "«, siger X" (or that token is ",")
CLOSING = re.compile('[,«"”]')
DEBATE = "mellem"  # the cue of the sides of a debate
NAME_LIKE = re.compile(r"(?<![\w.])([A-ZÆØÅ][a-zæøå]+)\s(?:[A-ZÆØÅ]\.\s)?[A-ZÆØÅ][a-zæøå]+")


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


@dataclass
class Group:
    """Actors joined by "og", "eller", commas and appositions: one grammatical subject."""

    start: int
    end: int
    actors: list[Actor] = field(default_factory=list)


class NamesFrom:
    """The name-like word pairs (NAME_LIKE) from one position on, found only as far as asked.

    ``block(end, gender)`` is ``any(...)`` over ``NAME_LIKE.finditer(text, start, end)`` for a blocking name of
    that gender: the matches of the search cut at ``end`` are those of the uncut search that end by ``end``,
    plus at most the uncut match that crosses ``end``, cut short (the pattern has no look-ahead, and a cut
    can only shorten its last word), so one scan serves every ``end``."""

    def __init__(self, view: "ArticleView", start: int):
        self.view, self.found, self.ends = view, [], []
        self.first_block: dict[str, int] = {}  # gender -> end of the first blocking match
        self.matches = NAME_LIKE.finditer(view.text, start)
        self.next = next(self.matches, None)

    def block(self, end: int, gender: str) -> bool:
        while self.next is not None and self.next.end() <= end:
            found = self.view.blocks(self.next)
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
        cut = NAME_LIKE.match(self.view.text, crossing.start(), end)
        return cut is not None and self.view.blocks(cut, gender) is not None


class ArticleMemo:
    """Look-up structures of an ArticleView, each made on first use: who may be referred back to."""

    def __init__(self, view: "ArticleView"):
        self.view = view
        self._made: dict = {}

    def _get(self, key, make):
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def people(self) -> list[Mention]:
        return self._get("people", lambda: [m for m in self.view.mentions if m.kind == SPEAKER])

    def fitting(self, gender: str) -> Ordered:
        """The people named outside quotes who fit a pronoun of that gender."""
        view = self.view
        return self._get(("fitting", gender), lambda: Ordered(
            [m for m in self.people() if not view.is_quoted(m.start_char) and view.genders.get(m.name) in (None, gender)],
            key=lambda m: m.start_char))

    def with_role(self, head: str) -> Ordered:
        """The people with a party whose role ends with ``head`` ("formand" for "SF-formanden")."""
        return self._get(("role", head), lambda: Ordered(
            [m for m in self.people() if m.role and m.role.split("-")[-1].endswith(head) and m.party],
            key=lambda m: m.start_char))

    def party_holders(self) -> Ordered:
        """The mentions outside quotes that "partiet" may stand for: people with a party, row parties."""
        view = self.view
        return self._get("holders", lambda: Ordered(
            [m for m in view.mentions if not view.is_quoted(m.start_char) and m.party
             and (m.kind == SPEAKER or view.row_parties is None or m.party in view.row_parties)],
            key=lambda m: m.start_char))

    def person_ends(self) -> list[int]:
        return self._get("ends", lambda: sorted(m.end_char for m in self.people()))

    def names_from(self, start: int) -> NamesFrom:
        return self._get(("names", start), lambda: NamesFrom(self.view, start))

    def spoken(self) -> Ordered:
        """The statements with a speaker found so far (the indirect ones), by where their cue stands."""
        return self._get("spoken", lambda: Ordered([c for c in self.view.statements if c.speaker],
                                                   key=lambda c: c.extra["at"]))

    def first_named(self, name: str) -> Mention | None:
        """The first mention with that name."""
        first = self._get("first", lambda: {})
        if not first:
            for mention in reversed(self.view.mentions):
                first[mention.name] = mention
        return first.get(name)


class Attributor:
    """The component; ``registry`` is an attribute set by `build_pipeline`."""

    def __init__(self, registry=None):
        self.registry = registry
        self._genders_for = None
        self._first_names: dict[str, str] = {}

    def first_names(self) -> dict[str, str]:
        if self.registry is not None and self._genders_for is not self.registry:
            self._first_names = build_first_name_genders(self.registry)
            self._genders_for = self.registry
        return self._first_names

    def national_parties(self) -> set[str] | None:
        if self.registry is None:
            return None
        return {p.name for p in self.registry.parties if p.scope == "national"}

    def __call__(self, doc: Doc) -> Doc:
        article = ArticleView(doc, self.first_names(), self.national_parties())
        article.statements = article.indirect_statements()
        article.statements += article.quote_statements()
        doc._.statements = sorted(article.statements, key=lambda c: c.start_char)
        return doc


class ArticleView:
    """One article's sentences, quotes and actors, and the statements found in them."""

    def __init__(self, doc: Doc, first_names: dict[str, str], row_parties: set[str] | None = None):
        self.doc, self.text = doc, doc_text(doc)
        self.row_parties = row_parties  # parties that may have rows of their own (national ones)
        self.first_names = first_names
        self.genders = doc.user_data.get("tracker_gender", {})
        self.mentions = sorted(doc._.mentions or [], key=lambda m: m.start_char)
        self.mention_starts = [m.start_char for m in self.mentions]
        columns = doc.to_array([IDX, reference_flag(doc.vocab)])  # one pass over the tokens
        self.token_starts = columns[:, 0].tolist()
        self.sentences = list(doc.sents)
        self.sentence_chars = [self.token_starts[s.start] for s in self.sentences]
        self.references = numpy.flatnonzero(columns[:, 1]).tolist()  # tokens that may be "han", "partiet" ...
        self.paragraphs = doc._.paragraphs or [(0, len(self.text))]
        self.quote_paragraphs = [p for p in self.paragraphs if self.text.startswith(QUOTE_OPENERS, p[0], p[1])]
        self.in_quotes = Ranges(self.quote_paragraphs)
        self.quote_sentences = [s for p in self.quote_paragraphs for s in self.sentences_of(p)]
        self.attributions = {s.start: self.attribution_start(s) for s in self.quote_sentences}
        self.quoted = Ranges(self.quoted_ranges())
        self.statements: list[StatementCandidate] = []
        self.mention_chars: dict[str | None, Ranges] = {}  # in_mention_of() by kind
        self.speakers: dict[int, Mention | None | bool] = {}  # quote_speaker() by sentence start
        self.debates: dict[int, bool] = {}  # by sentence start: does it name both sides of a debate?
        self.memo = ArticleMemo(self)

    def word(self, i: int) -> str:
        """``doc[i].text`` from the text and the token offsets (no Token object)."""
        starts = self.token_starts
        word = self.text[starts[i]:starts[i + 1] if i + 1 < len(starts) else len(self.text)]
        return word[:-1] if word.endswith(" ") and not word.isspace() else word  # without its trailing space

    def lower(self, i: int) -> str:
        """``doc[i].lower_``."""
        return self.word(i).lower()

    def in_mention_of(self, kind: str | None, pos: int) -> bool:
        """True when character pos is inside a mention of that kind (None: of any kind)."""
        if kind not in self.mention_chars:
            self.mention_chars[kind] = Ranges((m.start_char, m.end_char) for m in self.mentions
                                              if kind in (None, m.kind))
        return pos in self.mention_chars[kind]

    def sentences_naming_someone(self) -> list[int]:
        """Indices of the sentences with a mention, or with a word that may refer back ("han", "partiet")
        to a mention before it: no other sentence has an actor."""
        char_starts, token_starts = self.sentence_chars, [s.start for s in self.sentences]
        found = {bisect_right(char_starts, m.start_char) - 1 for m in self.mentions}
        if found:
            first = min(found)
            found |= {k for k in (bisect_right(token_starts, i) - 1 for i in self.references) if k >= first}
        return sorted(k for k in found if k >= 0)

    # -------------------------------------------------- quotes

    def in_quote_paragraph(self, sentence: Span) -> bool:
        return sentence.start_char in self.in_quotes

    def attribution_start(self, sentence: Span) -> int | None:
        """Token index of the speech verb in ", siger X" / "«, siger X" / ", lyder det fra X", if any:
        the last speech verb right after a token ending in a comma or a closing quote mark."""
        marks = [m.end() for m in CLOSING.finditer(self.text, sentence.start_char, sentence.end_char)]
        for pos in reversed(marks):  # the verb starts right after the mark or after one space
            for start in (pos + 1, pos):
                i = bisect_left(self.token_starts, start)
                if not (sentence.start < i < sentence.end and self.token_starts[i] == start):
                    continue
                before = self.text[self.token_starts[i - 1]:start]  # the token before, with its space
                before = before[:-1] if before.endswith(" ") else before
                if (before == "," or before.endswith(CLOSERS)) and has_cue(self.doc[i], "speech"):
                    return i
        return None

    def quoted_ranges(self) -> list[tuple[int, int]]:
        """Character ranges that are someone's own words (dash paragraphs up to ", siger", »…«, "…")."""
        ranges = [(m.start(), m.end()) for m in INLINE_QUOTE.finditer(self.text)]
        for sentence in self.quote_sentences:
            verb = self.attributions[sentence.start]
            end = self.doc[verb].idx if verb is not None else sentence.end_char
            ranges.append((sentence.start_char, end))
        return ranges

    def is_quoted(self, pos: int) -> bool:
        return pos in self.quoted

    # -------------------------------------------------- actors

    def resolve_pronoun(self, pos: int, gender: str) -> Mention | None:
        """The last politician named before pos (outside quotes) who fits the pronoun's gender."""
        last = self.memo.fitting(gender).last_before(pos)
        if last is None:
            return None
        if self.other_person_between(last.end_char, pos, gender) or last.party is None:
            return None
        return last

    def other_person_between(self, start: int, end: int, gender: str) -> bool:
        """True when a person who is no politician ("Anna Jensen, direktør") is named in between."""
        return self.memo.names_from(start).block(end, gender)

    def blocks(self, match: re.Match, gender: str | None = None) -> str | None:
        """The gender of a name-like match that is no mention and not quoted (None if it has none)."""
        found = self.first_names.get(match.group(1))
        if found is None or (gender is not None and found != gender):
            return None
        if self.is_quoted(match.start()) or self.in_mention_of(None, match.start()):
            return None
        return found

    def resolve_role_noun(self, token) -> Mention | None:
        """"formanden", "SF-formanden", "ministeren": the last person named with that role."""
        word = token.lower_
        if not word.endswith("en") or not role_word(word[:-2]):
            return None
        return self.memo.with_role(word[:-2].split("-")[-1]).last_before(token.idx)

    def resolve_party_noun(self, token) -> Mention | None:
        """"partiet", "partiets": the party named last before (or the party of the person named last)."""
        mention = self.memo.party_holders().last_before(token.idx)
        if mention is None:
            return None
        return Mention(PARTY, token.idx, token.idx + len(token.text), token.text, name=mention.party,
                       party=mention.party, party_source="context")

    def actors_in(self, sentence: Span, first: int = 0, last: int | None = None) -> dict[int, Actor]:
        """Token index -> actor for the people, parties, pronouns and role nouns of a sentence
        (only those on tokens first..last-1 when given: the rest of the sentence is not read)."""
        first, last = max(first, sentence.start), sentence.end if last is None else min(last, sentence.end)
        actors: dict[int, Actor] = {}
        for mention in self.mentions_in(sentence.start_char, sentence.end_char):
            start, end = self.token_range(mention)
            if end <= first or start >= last or start >= end:
                continue
            if self.is_quoted(mention.start_char) or not self.usable(mention, sentence):
                continue
            actor = Actor(start, end, mention)
            for i in range(start, end):
                actors[i] = actor
        for token in self.reference_tokens(first, last):
            if token.i in actors or self.is_quoted(token.idx):
                continue
            gender = cues()["pronouns"].get(token.lower_)
            if gender:
                actors[token.i] = Actor(token.i, token.i + 1, self.resolve_pronoun(token.idx, gender), pronoun=True)
            elif self.party_noun_at(token) and (mention := self.resolve_party_noun(token)) is not None:
                actors[token.i] = Actor(token.i, token.i + 1, mention, pronoun=True)
            elif (mention := self.resolve_role_noun(token)) is not None:
                actors[token.i] = Actor(token.i, token.i + 1, mention, pronoun=True)
            elif self.collective_at(token, sentence) and (named := self.named_before(sentence)):
                actors[token.i] = Actor(token.i, token.i + 1, named[0], pronoun=True, more=named[1:])
        return actors

    def token_range(self, mention: Mention) -> tuple[int, int]:
        """The tokens a mention touches (``doc.char_span(..., alignment_mode="expand")``)."""
        starts = self.token_starts
        return bisect_right(starts, mention.start_char) - 1, bisect_left(starts, mention.end_char)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in text[start:end], in order."""
        return self.mentions[bisect_left(self.mention_starts, start):bisect_left(self.mention_starts, end)]

    def reference_tokens(self, first: int, last: int) -> list:
        """The tokens first..last-1 that may be a pronoun, party noun, role noun or collective noun, in order."""
        indices = self.references[bisect_left(self.references, first):bisect_left(self.references, last)]
        return [self.doc[i] for i in indices]

    def party_noun_at(self, token) -> bool:
        """"partiet", "partiets" standing for the party, not "andre i partiet" (some of its members)."""
        before = self.doc[token.i - 1].lower_ if token.i > 0 else ""
        return token.lower_ in cues()["party_nouns"] and before not in cues()["inside"]

    def collective_at(self, token, sentence: Span) -> bool:
        """"Kvintetten", "de to", "De tre partier": a noun for the actors of the previous sentence."""
        words, i = cues()["collective"], token.i
        if token.lower_ in words:
            return True
        if i + 1 >= len(self.token_starts) or f"{token.lower_} {self.lower(i + 1)}" not in words:
            return False
        after = self.doc[i + 2] if i + 2 < len(self.token_starts) else None
        return after is None or not after.is_alpha or after.lower_ in cues()["collective_nouns"] or (
            has_cue(after, "position") or has_cue(after, "filler"))

    def named_before(self, sentence: Span) -> list[Mention]:
        """The politicians (or else the parties) named outside quotes in the sentence before."""
        index = bisect_left(self.sentence_chars, self.token_starts[sentence.start])  # this sentence's
        previous = self.sentences[index - 1:index] if index else []
        if not previous:
            return []
        named = [m for m in self.mentions_in(previous[0].start_char, previous[0].end_char)
                 if not self.is_quoted(m.start_char) and m.party and self.usable(m, previous[0])]
        people = list({m.name: m for m in named if m.kind == SPEAKER}.values())
        return people or list({m.party: m for m in named}.values())

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
        before = [w.lower() for w in self.text[max(0, party.start_char - 40):party.start_char].split()]
        if before[-2:-1] and before[-2] in cues()["quantifiers"] and before[-1] in cues()["inside"]:
            return False
        if party.text[:1].isupper():
            return True
        quantified = bool(before) and before[-1] in cues()["quantifiers"]
        return party.text.lower() in cues()["party_plurals"] and not quantified

    def attached(self, party: Mention) -> bool:
        """A party that belongs to a person: "(V)", "Venstres ordfører", "formand for SF", "SF-formand"."""
        text = self.text
        if text[party.start_char - 1:party.start_char] in ("(", "-") or text[party.end_char:party.end_char + 1] == "-":
            return True
        after = text[party.end_char:party.end_char + 60].split()
        if party.text.endswith(GENITIVES) and after and (role_word(after[0]) or after[0][:1].isupper()):
            return True
        before = text[max(0, party.start_char - 80):party.start_char].split()
        if before and before[-1].lower() in (*cues()["links"], "fra") and len(before) > 1:
            window = [w.rstrip(",") for w in before[-5:-1]]
            return any(role_word(w) for w in window) or self.person_ends_near(party.start_char)
        return False

    def person_ends_near(self, pos: int) -> bool:
        """True when a person's mention ends 1 to 6 characters before pos."""
        ends = self.memo.person_ends()
        k = bisect_left(ends, pos - 6)
        return k < len(ends) and ends[k] <= pos - 1

    # -------------------------------------------------- groups and cues

    def is_glue(self, i: int, actors: dict[int, Actor]) -> bool:
        text = self.word(i)
        word = text.lower()
        if word in cues()["glue"] or word in cues()["co_subjects"] or role_word(text) or word in role_modifiers():
            return True
        if word.endswith("-") and len(word) > 2:
            return True
        if word in (*cues()["links"], "fra"):
            return i + 1 < len(self.token_starts) and self.party_at(i + 1)
        return self.party_at(i) and i not in actors

    def party_token(self, token) -> bool:
        return self.in_mention_of(PARTY, token.idx)

    def party_at(self, i: int) -> bool:
        """True when token i is (in) a party mention."""
        return self.in_mention_of(PARTY, self.token_starts[i])

    def groups_in(self, sentence: Span, actors: dict[int, Actor]) -> list[Group]:
        """Runs of actors and glue words ("Venstres ordfører, Mette Testesen (V), og SF")."""
        groups, current = [], None
        starts = sorted(i for i in actors if sentence.start <= i < sentence.end)
        i = sentence.start
        while i < sentence.end:
            if current is None:  # a group starts only at an actor: skip to the next one
                k = bisect_left(starts, i)
                if k == len(starts):
                    break
                i = starts[k]
            at, i = i, i + 1
            joins = at in actors or (current is not None and self.is_glue(at, actors))
            if joins and current is not None and self.relative_clause_at(at):
                joins = False
            if joins and current is not None and self.apart(current, at, actors):
                groups.append(self.trimmed(current, actors))
                current = None
            if joins:
                if current is None:
                    current = Group(self.role_start(at, sentence), at + 1)
                current.end = at + 1
                actor = actors.get(at)
                if actor is not None and actor not in current.actors:
                    current.actors.append(actor)
            elif current is not None:
                groups.append(self.trimmed(current, actors))
                current = None
        if current is not None:
            groups.append(self.trimmed(current, actors))
        return [g for g in groups if g.actors]

    def apart(self, group: Group, i: int, actors: dict[int, Actor]) -> bool:
        """True when a new actor at i follows the group's actors with no "og" or comma between
        ("opfordrer SF S-formand Mette Testesen til": subject, then object)."""
        actor = actors.get(i)
        if actor is None or not group.actors or actor in group.actors:
            return False
        last_end = max(a.end for a in group.actors)
        return not any(self.lower(j) in cues()["joiners"] for j in range(last_end, i))

    def relative_clause_at(self, i: int) -> bool:
        """True at the comma of ", som ..." / ", der ...", unless the clause only gives a role."""
        if not (self.word(i) == "," and i + 1 < len(self.token_starts) and self.lower(i + 1) in ("som", "der")):
            return False
        return not self.role_clause(i + 2)

    def role_clause(self, i: int) -> bool:
        """"(, der) er økonomiminister," / "(, som) er ordfører for SF.": a relative clause with only a role."""
        if i >= len(self.doc) or self.doc[i].lower_ not in ("er", "var"):
            return False
        words = []
        for token in self.doc[i + 1:i + 9]:
            if token.is_punct:
                break
            words.append(token)
        else:
            return False
        fits = all(role_word(t.text) or t.lower_ in role_modifiers() or t.lower_ in cues()["links"]
                   or self.party_token(t) for t in words)
        return fits and any(role_word(t.text) for t in words)

    def trimmed(self, group: Group, actors: dict[int, Actor]) -> Group:
        """Drop trailing glue, but keep ")" and the comma closing an apposition (", formand for SF,")."""
        first_actor = min(a.start for a in group.actors) if group.actors else group.start
        opener = [self.word(j) for j in range(max(group.start - 2, 0), group.start)]
        opened = "," in opener and opener[-1] in (",", "heriblandt")
        while group.end - 1 > first_actor and group.end - 1 not in actors:
            last = self.word(group.end - 1)
            if last == ")" or last.lower() in cues()["co_subjects"] or (last == "," and (
                    opened or any(self.word(j) == "," for j in range(group.start, group.end - 1)))):
                break
            group.end -= 1
        return group

    def role_start(self, i: int, sentence: Span) -> int:
        """First token of the role words and party genitive right before token i."""
        j = i
        while j - 1 >= sentence.start:
            text = self.word(j - 1)
            lower = text.lower()
            if text == "," and j - 2 >= sentence.start and self.describes(j - 2):
                j -= 1  # "Venstres ordfører, Mette Testesen", "regeringens støtteparti, De Radikale"
            elif role_word(text) or lower in role_modifiers() or text.endswith("-"):
                j -= 1
            elif self.party_at(j - 1) and (text.endswith(GENITIVES) or text.islower()):
                j -= 1  # "Venstres ordfører", "den konservative ordfører"
            elif lower in ("den", "de") and j < i:
                j -= 1
                break
            elif lower.endswith(tuple(cues()["descriptors"])):
                j -= 1
            elif lower.endswith(("ens", "ets", "ernes")) and self.describes(j):
                j -= 1  # "regeringens støtteparti"
            else:
                break
        while j < i and self.lower(j) in ("og", ","):
            j += 1
        return j

    def describes(self, i: int) -> bool:
        """True when token i is a role word or a descriptor ("støtteparti")."""
        return role_word(self.word(i)) or self.lower(i).endswith(tuple(cues()["descriptors"]))

    def cue_after(self, group: Group, sentence: Span) -> str | None:
        """The cue verb or predicate after a group ("mener", "har tidligere foreslået", "er imod").

        A relative clause in between is passed over (", der har 15 mandater, står ..."), and is
        itself the cue when it starts with one (", som kræver ...").
        """
        i, skipped = group.end, 0
        if self.authored(group, sentence):
            return self.doc[group.end].text
        if self.presents_anothers(group, sentence):
            return None
        while i < sentence.end and skipped <= 5:
            token = self.doc[i]
            if self.relative_clause_at(i):
                cue = self.cue_at(i + 2, sentence)
                if cue:
                    return cue
                i = self.clause_end(i + 2, sentence)
                continue
            if self.verb_cue(token, token.i + 1, sentence) or self.predicate_at(token):
                return token.text
            if token.lower_ == "sammen" and self.doc[i + 1:i + 2].text == "med":
                i = self.past_actors(i + 2, sentence)  # "Enhedslisten har sammen med SF fremsat ..."
                continue
            if not has_cue(token, "filler"):
                return self.said_further(i, sentence)
            i, skipped = i + 1, skipped + 1
        return None

    def past_actors(self, i: int, sentence: Span) -> int:
        """Index after the names, tags and role words starting at i."""
        while i < sentence.end and (self.in_mention(self.doc[i]) or self.doc[i].text in ("(", ")", ",", "og")
                                    or role_word(self.doc[i].text)):
            i += 1
        return i

    def in_mention(self, token) -> bool:
        return self.in_mention_of(None, token.idx)

    def said_further(self, i: int, sentence: Span) -> str | None:
        """"X har tidligere over for DR sagt, at ...": a speech verb right before ", at" further on in the clause."""
        for token in self.doc[i:min(i + 10, sentence.end - 2)]:
            if token.is_punct:
                return None
            if has_cue(token, "speech"):
                after = [t.lower_ for t in self.doc[token.i + 1:token.i + 3]]
                if after == [",", "at"] or after[:1] == [":"]:
                    return token.text
        return None

    def presents_anothers(self, group: Group, sentence: Span) -> bool:
        """"regeringens plan, som X præsenterer": presenting another's plan (a genitive owner before the
        noun a relative clause is about) is no position of X's own."""
        rel = group.start - 1
        if rel <= sentence.start or self.doc[rel].lower_ not in ("som", "der"):
            return False
        following = self.doc[group.end:min(group.end + 4, sentence.end)]
        verb = next((t for t in following if not has_cue(t, "filler") and t.lower_ not in cues()["modals"]), None)
        if verb is None or not has_cue(verb, "presenting"):
            return False
        noun = rel - 2 if self.doc[rel - 1].text == "," else rel - 1
        owners = self.doc[max(sentence.start, noun - 2):max(sentence.start, noun)]
        return any(t.lower_.endswith(("ens", "ets", "ernes")) and t.lower_ not in cues()["party_nouns"] for t in owners)

    def authored(self, group: Group, sentence: Span) -> bool:
        """A party in the genitive before its own proposal: "Venstres forslag", "SF's udspil"."""
        last = group.actors[-1]
        if group.end >= sentence.end or not last.is_party or not last.mention.text.endswith(GENITIVES):
            return False
        noun = self.doc[group.end].lower_
        if noun.endswith(tuple(cues()["authorship"])):
            return True
        verb = self.doc[group.end + 1].lower_ if group.end + 1 < sentence.end else ""
        aim = noun.endswith(tuple(cues()["aims"])) and not noun.endswith(tuple(cues()["not_aims"]))
        return aim and verb in (*cues()["copulas"], "lyder", "lød")  # "Socialdemokratiets mål er ..."

    def verb_cue(self, token, particles_from: int, sentence: Span) -> bool:
        """A position verb; "går", "bakker", "åbner" ... only with their particle ("går ind for")."""
        if has_cue(token, "position"):
            return True
        particles = cues()["phrasal"].get(token.lemma_.lower()) or cues()["phrasal"].get(token.lower_)
        if not particles:
            return False
        window = {t.lower_ for t in self.doc[particles_from:min(particles_from + 4, sentence.end)]}
        return any(p in window for p in particles) or self.particle_before_that(particles, particles_from, sentence)

    def particle_before_that(self, particles, i: int, sentence: Span) -> bool:
        """"meldte ved sit gruppemøde klart ud, at": the particle further on, right before ", at" or ":"."""
        for token in self.doc[i:min(i + 8, sentence.end - 2)]:
            after = self.doc[token.i + 1:token.i + 3]
            if token.lower_ in particles and (after[0].text == ":" or [t.lower_ for t in after] == [",", "at"]):
                return True
            if token.is_punct:
                return False
        return False

    def predicate_at(self, token) -> bool:
        """"er imod", "er modstander"; "med" and "for" only after a copula and before their own words
        ("SF er også med.", "er med på", "er for en afskaffelse")."""
        if has_cue(token, "predicate"):
            return True
        allowed = cues()["bounded_predicates"].get(token.lower_)
        if not allowed or token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ not in allowed:
            return False
        i = token.i - 1
        while i > 0 and self.doc[i].lower_ in cues()["adverbs"]:
            i -= 1
        return self.doc[i].lower_ in cues()["copulas"]

    def cue_at(self, i: int, sentence: Span) -> str | None:
        """The cue at token i, after at most three filler words."""
        for token in self.doc[i:min(i + 4, sentence.end)]:
            if self.verb_cue(token, token.i + 1, sentence) or self.predicate_at(token):
                return token.text
            if not has_cue(token, "filler"):
                return None
        return None

    def clause_end(self, i: int, sentence: Span) -> int:
        """Index after the comma closing a relative clause (the sentence end if none is near)."""
        for token in self.doc[i:min(i + 15, sentence.end)]:
            if token.text == ",":
                return token.i + 1
        return sentence.end

    def cue_before(self, group: Group, sentence: Span) -> tuple[str, bool] | None:
        """(cue, refers back) for "Det mener X", "siger X", "ifølge X", "kritik fra X", "står det til X"."""
        i = group.start - 1
        if i < sentence.start:
            return None
        if self.preposition_cue(group, i, sentence):
            return self.doc[i].text, False
        while i > sentence.start and self.lower(i) in cues()["adverbs"]:
            i -= 1  # "stemte også DF for", "mener heller ikke SF"
        token = self.doc[i]
        back = i > sentence.start and all(self.lower(j) in cues()["back"] for j in range(sentence.start, i))
        spoken = (has_cue(token, "speech") or self.verb_cue(token, group.end, sentence)
                  or self.fronted_object(token, sentence))
        if (spoken or (back and token.lower_ in cues()["pro_verbs"])) and self.inverted(i, sentence):
            return token.text, back  # "Det samme gør SF" stands for the verb of the sentence before
        return None

    def preposition_cue(self, group: Group, i: int, sentence: Span) -> bool:
        """"ifølge X", "står det til X", "lyder det fra X", "kritik fra X", "forslaget fra X",
        "bakkes op af X", "en aftale med X"."""
        words = [self.lower(j) for j in range(max(sentence.start, i - 2), i + 1)]
        word = words[-1]
        if word == "ifølge" or words[-3:] in STANDS_WITH or words[-3:-1] in (["lyder", "det"], ["lød", "det"]):
            return True
        if word in ("fra", "i", "hos") and self.reaction_near(group, sentence):
            return True
        if word == "fra" and any(t.lower_ in cues()["from_nouns"] for t in self.doc[max(sentence.start, i - 4):i]):
            return True
        if word == "fra" and words[:-1] in (["med", noun] for noun in cues()["backing"]):
            return True  # "vedtaget med stemmer fra X", "med støtte fra X"
        if word == "med" and self.agreement_before(i, sentence):
            return True
        return word == "af" and self.passive_before(i, sentence)

    def agreement_before(self, i: int, sentence: Span) -> bool:
        """"har indgået en aftale med X", "er blevet enige med X": X is a partner to the agreement."""
        nouns = [t for t in self.doc[max(sentence.start, i - 3):i] if t.lower_ in cues()["agreements"]]
        if nouns:
            start = nouns[-1].i
        elif i > sentence.start and self.doc[i - 1].lower_ in ("enige", "enig"):
            start = i
        else:
            return False
        return any(has_cue(t, "agreeing") for t in self.doc[max(sentence.start, start - 4):start])

    def fronted_object(self, verb, sentence: Span) -> bool:
        """"Samme tilkendegivelser giver X": the noun of a phrasal verb stands before it."""
        particles = cues()["phrasal"].get(verb.lemma_.lower()) or cues()["phrasal"].get(verb.lower_) or []
        before = [self.lower(j) for j in range(max(sentence.start, verb.i - 3), verb.i)] if particles else []
        return any(word in particles and word in cues()["fronted"] for word in before)

    def inverted(self, verb: int, sentence: Span) -> bool:
        """True when the verb comes before its subject (V2 after "Det", an adverb or a comma).

        Never after "at" ("at presse X til"); a verb that takes a person as object ("opfordrer X til")
        only after a sentence adverb or a comma.
        """
        takes_object = has_cue(self.doc[verb], "object_verbs")
        while verb - 1 > sentence.start and has_cue(self.doc[verb - 1], "filler") and self.doc[verb - 1].lower_ != "det":
            verb -= 1
        if verb == sentence.start:
            return False
        before = self.doc[verb - 1]
        if before.lower_ in ("han", "hun", "de", "vi", "jeg", "du", "man", "den", "som", "der", "at"):
            return False
        if (before.text[:1].isupper() and before.i == sentence.start) or (takes_object and before.text != ","):
            return before.lower_ in cues()["front"]
        return not (self.party_token(before) or self.in_mention_of(SPEAKER, before.idx))

    def passive_before(self, i: int, sentence: Span) -> bool:
        """"bakkes op af X", "er foreslået af X": a position verb in the passive right before "af"."""
        for token in reversed(self.doc[max(sentence.start, i - 3):i]):
            if token.lower_ in cues()["passives"]:
                return True
            if token.is_punct:
                return False
        return False

    def reaction_near(self, group: Group, sentence: Span) -> bool:
        """A reaction noun within 8 tokens of the group's start, in the sentence."""
        near = self.doc[max(sentence.start, group.start - 8):min(sentence.end, group.start + 9)]
        return any(has_cue(t, "reaction") for t in near)

    # -------------------------------------------------- statements

    def evidence(self, sentence: Span) -> tuple[int, int]:
        """Character span of a sentence without its leading dash or opening quote mark."""
        start, end = sentence.start_char, sentence.end_char
        while end > start and self.text[end - 1].isspace():
            end -= 1
        for opener in QUOTE_OPENERS:
            if self.text.startswith(opener, start):
                start += len(opener)
                break
        while start < end and self.text[start].isspace():
            start += 1
        return start, end

    def candidate(self, sentence: Span, who: Mention, kind: str, confidence: float, cue: str,
                  said_at: Span | None = None) -> StatementCandidate:
        """A candidate with `sentence` as evidence; `said_at` is where the cue stands (default: there)."""
        start, end = self.evidence(sentence)
        person = who.kind == SPEAKER
        return StatementCandidate(
            party=who.party, kind=kind if person else "indirect", evidence=self.text[start:end],
            start_char=start, end_char=end, speaker=who.name if person else None,
            politician_key=who.politician_key if person else None, role=who.role if person else None,
            discovered=who.discovered if person else False, confidence=confidence,
            extra={"cue": cue, "at": (said_at or sentence).start_char})

    def quote_speaker(self, sentence: Span) -> Mention | None | bool:
        """The politician of a quote sentence's attribution; False when there is none; None if not a politician."""
        if sentence.start not in self.speakers:
            self.speakers[sentence.start] = self.attribution_speaker(sentence)
        return self.speakers[sentence.start]

    def attribution_speaker(self, sentence: Span) -> Mention | None | bool:
        verb = self.attributions.get(sentence.start)
        if verb is None:
            return False
        actors = self.actors_in(sentence, verb + 1, verb + 12)
        for i in range(verb + 1, min(verb + 12, sentence.end)):
            actor = actors.get(i)
            if actor is not None and not actor.is_party:
                return actor.mention
            if self.doc[i].text[:1].isupper() and self.doc[i].lower_ not in ("det",) and not role_word(self.doc[i].text):
                if not self.party_token(self.doc[i]):
                    return None  # a named speaker who is not a politician
        if self.doc[verb + 1:verb + 3].text.lower().startswith("det") and verb + 3 >= sentence.end - 1:
            return False  # ", lyder det." - the speaker is the one before
        return False

    def paragraph_speakers(self) -> dict[tuple[int, int], Mention | None]:
        """Speaker of every quote paragraph: its own attribution, else a neighbour's in the same run."""
        own = {}
        for paragraph in self.quote_paragraphs:
            found = False
            for sentence in self.sentences_of(paragraph):
                speaker = self.quote_speaker(sentence)
                if speaker is not False:
                    found = speaker
            own[paragraph] = found
        speakers = {}
        for run in self.quote_runs():
            speakers.update(zip(run, self.inherited(run, own)))
        return speakers

    def inherited(self, run, own) -> list:
        """The speaker of each paragraph of a run: its own, else the nearest one before it in the run,
        else the nearest one after it, else (no paragraph of the run has one) the speaker around the run."""
        found = [own[paragraph] for paragraph in run]
        if all(speaker is False for speaker in found):
            return [self.speaker_around(run)] * len(run)
        before, last = [], False
        for speaker in found:
            before.append(last)
            last = speaker if speaker is not False else last
        after, following = [False] * len(run), False
        for k in range(len(run) - 1, -1, -1):
            after[k] = following
            following = found[k] if found[k] is not False else following
        return [speaker if speaker is not False else before[k] if before[k] is not False else after[k]
                for k, speaker in enumerate(found)]

    def intro_speaker(self, run) -> Mention | None | bool:
        """The speaker of "..., at Mette Testesen sagde følgende:" right before a run of quotes."""
        k = self.sentences_ending_count(run[0][0])
        before = self.sentences[k - 1:k] if k else []
        if not before or not self.text[before[0].start_char:before[0].end_char].rstrip().endswith(":"):
            return False
        sentence = before[0]
        verbs = [t.i for t in sentence if has_cue(t, "speech")]
        if not verbs:
            return False
        actors = self.actors_in(sentence)
        people = [a for i, a in sorted(actors.items()) if not a.is_party]
        nearest = min(people, key=lambda a: abs(a.start - verbs[-1]), default=None)
        return nearest.mention if nearest is not None else None

    def speaker_around(self, run) -> Mention | None:
        """For a run of quotes with no attribution: the speaker of an introduction ending in ":",
        "Det siger X" right after, else the last speaker before."""
        intro = self.intro_speaker(run)
        if intro is not False:
            return intro
        after = self.sentences[bisect_left(self.sentence_chars, run[-1][1]):][:1]
        for sentence in after:
            actors = self.actors_in(sentence)
            for group in self.groups_in(sentence, actors):
                cue = self.cue_before(group, sentence)
                if cue and cue[1]:
                    return next((a.mention for a in group.actors if not a.is_party), None)
        last = self.memo.spoken().last_before(run[0][0])
        if last is not None and run[0][0] - last.extra["at"] < 600:
            return self.memo.first_named(last.speaker)
        return None

    def quote_runs(self) -> list[list[tuple[int, int]]]:
        runs: list[list[tuple[int, int]]] = []
        quotes = set(self.quote_paragraphs)
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph in quotes:
                if runs and index and runs[-1][-1] == self.paragraphs[index - 1]:
                    runs[-1].append(paragraph)
                else:
                    runs.append([paragraph])
        return runs

    def sentences_ending_by(self, pos: int) -> list[Span]:
        """The sentences that end at or before character pos."""
        return self.sentences[:self.sentences_ending_count(pos)]

    def sentences_ending_count(self, pos: int) -> int:
        """How many sentences end at or before character pos."""
        k = bisect_left(self.sentence_chars, pos)  # the sentences from k on start at or after pos
        while k > 0 and self.sentences[k - 1].end_char > pos:
            k -= 1
        return k

    def sentences_of(self, paragraph) -> list[Span]:
        """The sentences starting in the paragraph."""
        chars = self.sentence_chars
        return self.sentences[bisect_left(chars, paragraph[0]):bisect_left(chars, paragraph[1])]

    def quote_statements(self) -> list[StatementCandidate]:
        found = []
        for paragraph, speaker in self.paragraph_speakers().items():
            if speaker is None or speaker.party is None:
                continue
            own = any(self.quote_speaker(s) not in (False, None) for s in self.sentences_of(paragraph))
            for sentence in self.sentences_of(paragraph):
                found.append(self.candidate(sentence, speaker, "direct_quote", 0.9 if own else 0.75, "quote"))
        return found

    def indirect_statements(self) -> list[StatementCandidate]:
        found = []
        for index in self.sentences_naming_someone():
            sentence = self.sentences[index]
            if not self.in_quote_paragraph(sentence):
                found += self.sentence_statements(index, sentence)
        return found

    def sentence_statements(self, index: int, sentence: Span) -> list[StatementCandidate]:
        """People and parties holding a position in a sentence; parties only when no person speaks in their
        clause (a contrast "mens X ..." is a clause of its own), or as a side of a debate."""
        actors = self.actors_in(sentence)
        if not any(actor.holders for actor in actors.values()):
            return []
        people, parties, speakers_at = [], [], []
        groups = self.groups_in(sentence, actors)
        for group in groups:
            found = self.group_cue(group, sentence)
            if found is None:
                continue
            cue, back = found
            target = self.sentences[index - 1] if back and index > 0 else sentence
            kind = "direct_quote" if self.in_quote_paragraph(target) else "indirect"
            for holder in (h for actor in group.actors for h in actor.holders):
                if holder.kind == PARTY:
                    parties.append((group.start, self.candidate(target, holder, "indirect", 0.6, cue, sentence)))
                else:
                    people.append(self.candidate(target, holder, kind, 0.7, cue, sentence))
                    speakers_at.append(group.start)
        if people:
            people += self.together_with(sentence, groups, people[0].extra["cue"])
        return people + [c for start, c in parties
                         if c.extra["cue"] == DEBATE or self.own_clause(start, speakers_at)]

    def own_clause(self, start: int, others: list[int]) -> bool:
        """True when a contrast word ("mens", "hvorimod") stands between token start and each of others."""
        for other in others:
            low, high = sorted((start, other))
            if not any(t.lower_ in cues()["contrast"] for t in self.doc[low:high]):
                return False
        return True

    def group_cue(self, group: Group, sentence: Span) -> tuple[str, bool] | None:
        """(cue, refers to the sentence before) when the group holds a position, else None."""
        after = self.cue_after(group, sentence) or self.side_of(group, sentence) or self.debate_side(group, sentence)
        return (after, False) if after else self.cue_before(group, sentence)

    def side_of(self, group: Group, sentence: Span) -> str | None:
        """"Hos Venstre er man imod", "Fra Venstres side lyder det, at": the party speaks as "man" or "det"."""
        before = self.lower(group.start - 1) if group.start > sentence.start else ""
        i = group.end
        if before == "fra" and i < len(self.token_starts) and self.lower(i) == "side":
            i += 1
        elif before not in ("hos", "i"):
            return None
        for token in self.doc[i:min(i + 5, sentence.end)]:
            if has_cue(token, "speech") or self.verb_cue(token, token.i + 1, sentence) or self.predicate_at(token):
                impersonal = any(t.lower_ in ("man", "det") for t in self.doc[i:token.i + 2])
                return token.text if impersonal else None
            if not (has_cue(token, "filler") or token.lower_ in ("man", "det")):
                return None
        return None

    def debate_side(self, group: Group, sentence: Span) -> str | None:
        """"en debat mellem X på den ene side og Y på den anden": each side holds a position."""
        if sentence.start not in self.debates:
            text = self.text[sentence.start_char:sentence.end_char].lower()
            self.debates[sentence.start] = all(side in text for side in cues()["sides"])
        if not self.debates[sentence.start]:
            return None
        before = [self.lower(j) for j in range(sentence.start, group.start)]
        return DEBATE if DEBATE in before else None

    def together_with(self, sentence: Span, groups: list[Group], cue: str) -> list[StatementCandidate]:
        """People who act "sammen med" the subject of a sentence (of its `groups`) share its position."""
        found = []
        for group in groups:
            words = [self.lower(j) for j in range(max(sentence.start, group.start - 2), group.start)]
            if words == ["sammen", "med"]:
                found += [self.candidate(sentence, h, "indirect", 0.6, cue)
                          for actor in group.actors for h in actor.holders if h.kind == SPEAKER]
        return found

@Language.factory("tracker_attribution")
def make_attributor(nlp: Language, name: str) -> Attributor:
    reference_flag(nlp.vocab)  # added now, so the words of the vocab are not all tested at the first article
    return Attributor()
