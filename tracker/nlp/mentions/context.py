"""What the words around a name say about the person: the party the text gives right at the name (tag,
role phrase, genitive, apposition, "fra"), the role, and the party from the context ("Name og Venstre",
"partifællen Name", the party named last in the paragraph). Answers are remembered per position."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.lang.da.stop_words import STOP_WORDS
from spacy.tokens import Doc

from tracker.nlp.mentions.around import memoised, word_before
from tracker.nlp.mentions.parties import TAG
from tracker.nlp.mentions.role_phrases import RolePhrases
from tracker.nlp.model import Mention, doc_text
from tracker.nlp.positions import paragraphs
from tracker.nlp.ranges import Ranges
from tracker.nlp.words import QUOTE_OPENERS


class TextContext:
    """What the words around a name say about the person: role and party."""

    def __init__(self, doc: Doc, parties: list[Mention], finder):
        self.text = doc_text(doc)
        self.parties = parties
        self.finder = finder
        self.paragraphs = paragraphs(doc)
        self.date = doc._.date
        self.memo: dict[tuple, object] = {}
        self.before: dict[int, tuple[int, int] | None] = {}  # word_before() by position
        self.quiet: dict[int, bool] = {}  # quiet_before() by position
        self.party_ranges = Ranges((p.start_char, p.end_char) for p in parties)
        self.party_starts = [p.start_char for p in parties]  # parties are in text order
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.party_by_start: dict[int, Mention] = {}
        self.party_by_end: dict[int, Mention] = {}
        for party in parties:  # the first party wins, as in the list
            self.party_by_start.setdefault(party.start_char, party)
            self.party_by_end.setdefault(party.end_char, party)
        self.phrases = RolePhrases(self)

    def word(self, span: tuple[int, int] | None) -> str:
        return self.text[span[0]:span[1]] if span else ""

    def word_before(self, pos: int) -> tuple[int, int] | None:
        if pos not in self.before:
            self.before[pos] = word_before(self.text, pos)
        return self.before[pos]

    def party_ending_at(self, end: int) -> Mention | None:
        return self.party_by_end.get(end)

    def party_starting_at(self, start: int) -> Mention | None:
        return self.party_by_start.get(start)

    def not_a_name(self, word: str, start: int, strict: bool = True) -> bool:
        """A capitalised word that is a role or a party ("Venstres Mette Testesen"), or starts a sentence
        and is a common Danish word. ``strict`` also drops words the lemma table knows ("Bo", "Karl" may be either).
        """
        if self.finder.words.is_role_word(word) or start in self.party_ranges:
            return True
        if word in self.finder.first_name_gender or not self.starts_sentence(start):
            return False
        return word.lower() in STOP_WORDS or (strict and word.lower() in self.finder.known_words)

    def place_before_name(self, words: list[str], start: int) -> bool:
        """True when the first of a run of capitalised ``words`` at ``start`` is a place before a first name:
        after a preposition ("borgmester i Aarhus Anna Holm", "fra Odense Ole Nybo"), the word no first name
        and the next one a first name politicians have."""
        first_names = self.finder.first_name_gender
        before = self.word(self.word_before(start)).lower()
        return before in self.finder.words.place_prepositions and words[0] not in first_names \
            and words[1] in first_names

    def starts_sentence(self, start: int) -> bool:
        before = self.text[max(0, start - 3):start].rstrip(" -–»\"“")
        return not before or before[-1] in ".!?:\n"

    # -------------------------------------------------- after a name

    @memoised
    def apposition(self, end: int) -> tuple[str | None, str | None]:
        """(role, party) from ", formand for De Radikale" or ", der er ordfører hos SF" after a name; none from
        a past one (", tidligere formand for SF")."""
        match = self.finder.words.apposition.match(self.text[end:end + 160])
        if not match:
            return None, None
        clause_start = end + match.start(1)
        for link in self.finder.words.party_link.finditer(match.group(1)):
            party = self.party_starting_at(clause_start + link.end())
            if party is not None:
                head = match.group(1)[:link.start()].strip()
                if self.finder.words.former.intersection(head.lower().split()):
                    return None, None  # ", der tidligere sad i Folketinget for SF": a past party
                role = head.lower() if any(map(self.finder.words.is_role_word, head.split())) else None
                return role, party.party
        head = match.group(1).strip()
        if head and all(self.phrases.role_like(w, last=False) for w in head.split()) \
                and any(map(self.finder.words.is_role_word, head.split())):
            return head.lower(), None
        return None, None

    def silent(self, start: int, end: int) -> bool:
        """True when the words right around the name cannot give a party or role (the cheap first test of
        ``text_party`` and ``role``): no ",", "(" or "fra" after it, and ``quiet_before(start)``."""
        return not self.finder.words.after_name.match(self.text, end) and self.quiet_before(start)

    def quiet_before(self, start: int) -> bool:
        """True when the word before ``start`` neither ends a party nor may end a role phrase, so that
        ``role_before`` and ``genitive_party`` find nothing there."""
        if start not in self.quiet:
            word = self.word_before(start)
            self.quiet[start] = word is None or (word[1] not in self.party_by_end and word[1] - 1 not in self.party_by_end
                                                 and not self.phrases.role_like(self.word(word), last=True))
        return self.quiet[start]

    def text_party(self, start: int, end: int) -> str | None:
        """The party the text gives right at the name: tag, role phrase, genitive, apposition, "fra"."""
        return None if self.silent(start, end) else self.party_at_name(start, end)

    @memoised
    def party_at_name(self, start: int, end: int) -> str | None:
        """``text_party`` without the first test."""
        tag = TAG.match(self.text, end)
        if tag:
            record = self.finder.party_named(tag.group(0).strip())
            if record is not None:
                return record.name
        if not self.quiet_before(start):
            before = self.phrases.role_before(start)
            if before and before[1]:
                return before[1]
            genitive = self.phrases.genitive_party(self.word_before(start))
            if genitive is not None:
                return genitive.party
        role, party = self.apposition(end) if self.text.startswith(",", end) else (None, None)
        if party:
            return party
        if self.text.startswith(", ", end):  # the party alone between commas: "Bo Testesen, SF, siger ..."
            alone = self.party_starting_at(end + 2)
            if alone is not None and self.text[alone.end_char:alone.end_char + 1] in (",", "."):
                return alone.party
        after = self.finder.words.origin.match(self.text[end:end + 10])
        party = self.party_starting_at(end + after.end()) if after else None
        return party.party if party else None

    def political(self, start: int, end: int) -> bool:
        """True when the text gives the person at start:end a party or a political role."""
        return self.text_party(start, end) is not None or self.role(start, end) is not None

    def role(self, start: int, end: int) -> str | None:
        before = None if self.quiet_before(start) else self.phrases.role_before(start)
        if before:
            return before[0]
        return self.apposition(end)[0] if self.text.startswith(",", end) else None

    def context_party(self, start: int, end: int, previous_party: str | None, has_role: bool) -> str | None:
        """Party from the surroundings: "Name og Venstre", "partifællen Name", the paragraph's party."""
        joined = self.finder.words.joining.match(self.text[end:end + 6])
        party = self.party_starting_at(end + joined.end()) if joined else None
        if party is not None:
            return party.party
        if self.after_fellow(start):
            return previous_party
        return self.paragraph_party(start) if has_role else None

    def after_fellow(self, start: int) -> bool:
        """True when "partifællen" / "hans partikollega" stands right before the name at ``start``."""
        return bool(self.finder.words.fellow.search(self.text[max(0, start - 30):start]))

    def role_party(self, start: int) -> str | None:
        """The party of a person the text gives a role right before the name ("Undervisningsordfører Name") but
        no party: the party named last before it in the paragraph. Not for a compound role of something else
        ("LO-formand Name")."""
        before = None if self.quiet_before(start) else self.phrases.role_before(start)
        if not before or "-" in before[0].split()[-1]:
            return None
        return self.paragraph_party(start)

    def paragraph_party(self, pos: int) -> str | None:
        """The party named last before ``pos`` in its paragraph; in a quote paragraph that names none, the
        party of the paragraph before when it names just one ("DF er imod. / - ..., siger skatteordfører
        Name")."""
        party = self.party_before(pos)
        if party is not None:
            return party.party
        start, _ = self.paragraph_of(pos)
        if start == 0 or not self.text.startswith(QUOTE_OPENERS, start):
            return None
        before, _ = self.paragraph_of(start - 1)
        named = {p.party for p in self.parties if before <= p.start_char < start}
        return named.pop() if len(named) == 1 else None

    def party_before(self, pos: int) -> Mention | None:
        """The party named last before ``pos`` in its paragraph."""
        para_start, _ = self.paragraph_of(pos)
        k = bisect_left(self.party_starts, pos)
        return self.parties[k - 1] if k and self.party_starts[k - 1] >= para_start else None

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.paragraph_starts, pos) - 1  # paragraphs are in order and do not overlap
        if k >= 0 and pos < self.paragraphs[k][1]:
            return tuple(self.paragraphs[k])
        return 0, len(self.text)

    def choose_key(self, keys: list[str], start: int, end: int) -> str:
        """Among politicians of the same name, the one whose party the text gives (else the first)."""
        if len(keys) == 1:
            return keys[0]
        party = self.text_party(start, end)
        for key in keys:
            record = self.finder.registry.party_at(key, self.date)  # the politician's party on that day
            if party and record is not None and record.name == party:
                return key
        return keys[0]
