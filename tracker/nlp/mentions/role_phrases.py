"""Role phrases before a name: "Venstres udenrigsordfører, Name", "politisk ordfører for SF Name",
"SF-formand Name", "den konservative ordfører Name": the role as written and the party it gives."""

from __future__ import annotations

from tracker.nlp.mentions.around import memoised
from tracker.nlp.model import PARTY, Mention
from tracker.nlp.words import is_genitive


class RolePhrases:
    """The role phrases of one article (answers remembered per position)."""

    def __init__(self, context):
        self.text, self.finder, self.words = context.text, context.finder, context.finder.words
        self.word, self.word_before, self.party_ending_at = context.word, context.word_before, context.party_ending_at
        self.context = context
        self.memo: dict[tuple, object] = {}

    def role_like(self, word: str, last: bool) -> bool:
        """Words that may make up a role phrase ("politisk", "klima-,", "og", "udenrigsordfører,")."""
        bare = word[:-1] if word.endswith(",") else word
        if word.endswith(",") and not last and not bare.endswith("-"):
            return False
        low = bare.lower()
        return self.words.is_role_word(bare) or self.words.roles.is_modifier(low) or (low.endswith("-") and len(low) > 2)

    def role_words(self, last: tuple[int, int] | None) -> list[tuple[int, int]] | None:
        """The words of a role phrase ending with the word ``last``, or None."""
        phrase, word = [], last
        while word is not None and self.role_like(self.word(word), last=word == last):
            phrase.insert(0, word)
            word = self.word_before(word[0])
        while phrase and self.word(phrase[0]).lower() in self.words.not_role_start:
            phrase.pop(0)
        if not any(self.words.is_role_word(self.word(w).rstrip(",")) for w in phrase):
            return None
        return phrase

    def genitive_party(self, word: tuple[int, int] | None) -> Mention | None:
        """The party when the word is a party in the genitive ("Venstres", "LA's")."""
        party = self.party_ending_at(word[1]) if word else None
        if party is not None and is_genitive(party.text) and party.kind == PARTY:
            return party
        return None

    @memoised
    def role_before(self, start: int) -> tuple[str, str | None] | None:
        """(role, party) of a role phrase right before a name ("Venstres udenrigsordfører, ")."""
        last = self.word_before(start)
        linked = self.linked_party_before(last)
        if linked is not None:
            last, party = linked
        else:
            party = None
        phrase = self.role_words(last)
        if phrase is None:
            return None
        role = self.text[phrase[0][0]:phrase[-1][1]].rstrip(",").lower()
        if party is None:
            before = self.word_before(phrase[0][0])
            genitive = self.genitive_party(before) or self.adjective_party(before) or self.party_noun(before)
            party = genitive.party if genitive else self.compound_party(phrase)
        return role, party

    def party_noun(self, word: tuple[int, int] | None) -> Mention | None:
        """The party named last before "partiets" in its paragraph ("..., siger partiets ordfører, Name")."""
        if word is None or self.word(word).lower() not in self.words.party_genitives:
            return None
        return self.context.party_before(word[0])

    def adjective_party(self, word: tuple[int, int] | None) -> Mention | None:
        """The party when the word is its lower-case adjective ("den konservative ordfører", "radikale")."""
        party = self.party_ending_at(word[1]) if word else None
        if party is not None and party.text.islower() and " " not in party.text:
            return party
        return None

    def linked_party_before(self, word: tuple[int, int] | None) -> tuple[tuple[int, int] | None, str] | None:
        """(the word before the link, party) for "<role> for|i|hos <Party>[,] Name"; ``word`` is the
        word before the name."""
        if word is None:
            return None
        party = self.party_ending_at(word[1] - (1 if self.word(word).endswith(",") else 0))
        if party is None:
            return None
        link = self.word_before(party.start_char)
        if self.word(link).lower() not in self.words.links:
            return None
        return self.word_before(link[0]), party.party

    def compound_party(self, phrase: list[tuple[int, int]]) -> str | None:
        """The party of a compound role word ("SF-formand", "S-ordfører"), unless a former one ("tidligere")."""
        words = [self.word(w) for w in phrase]
        if any(w.lower() in self.words.former for w in words):
            return None
        for word in words:
            if "-" in word and self.words.is_role_word(word.split("-", 1)[1]):
                record = self.finder.party_named(word.split("-", 1)[0])
                if record is not None:
                    return record.name
        return None
