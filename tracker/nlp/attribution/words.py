"""The word lists of attribution, compiled once per component: the cue lists of ``data/speech_verbs.toml``
and the function words of ``data/function_words.toml`` as sets, the role words, and a lexeme flag for the
words that may refer back to a politician ("han", "partiet", "formanden", "de to"), so that a sentence's
tokens need not all be read.
"""

from __future__ import annotations

from tracker.datafiles import read_toml
from tracker.nlp.roles import RoleWords
from tracker.paths import data_file

# The function words attribution reads (the rest of function_words.toml belongs to other components).
FUNCTION_WORDS = ("links", "relatives", "subject_words")
DECLINE_REACH = 4  # "har ikke ønsket at kommentere": at most this many words after the verb


class AttributionWords:
    """``words["speech"]`` is a set of words (or a dict of them); ``has(token, name)`` tests a token's
    lower-case form and lemma; ``roles`` are the role words."""

    def __init__(self, lists: dict, roles: RoleWords):
        self.source = {"lists": lists, "roles": roles.to_dict()}  # as given: what to_disk keeps
        self.lists = {key: (set(value) if isinstance(value, list) else value) for key, value in lists.items()}
        self.roles = roles
        firsts = {phrase.split()[0] for phrase in self.lists["collective"]}
        self.filler_phrases = sorted((tuple(p.split()) for p in self.lists["filler_phrases"]), key=len, reverse=True)
        self.adverb_phrases = [tuple(p.split()) for p in self.lists.get("adverb_phrases", ())]
        self._reference_forms = frozenset({*self.lists["pronouns"], *self.lists["plural_pronouns"],
                                           *self.lists["party_nouns"], *self.lists["definite_collectives"], *firsts})

    @classmethod
    def bundled(cls) -> "AttributionWords":
        lists = read_toml(data_file("speech_verbs.toml"))
        function_words = read_toml(data_file("function_words.toml"))
        lists.update({name: function_words[name] for name in FUNCTION_WORDS})
        return cls(lists, RoleWords.bundled())

    def __getitem__(self, name: str):
        return self.lists[name]

    def declines(self, after) -> bool:
        """True when the tokens ``after`` a verb decline to comment within ``DECLINE_REACH`` words ("vil ikke
        kommentere sagen", "ønsker ikke at udtale sig") and no "men" goes on to say something."""
        declining = self.lists.get("declining", ())  # (none in a pipeline saved before the list)
        if not any(t.lower_ in declining or t.lemma_.lower() in declining for t in after[:DECLINE_REACH]):
            return False
        return not any(t.lower_ == "men" for t in after)

    def has(self, token, name: str) -> bool:
        """True when the token's lower-case form or lemma is in the list."""
        words = self.lists[name]
        return token.lower_ in words or token.lemma_.lower() in words

    def filler_end(self, article, i: int, end: int) -> int:
        """Index after the filler word, quote mark or filler phrase at token i (before ``end``), else i."""
        if i >= end:
            return i
        for phrase in self.filler_phrases:
            if i + len(phrase) <= end and all(article.lower(i + k) == w for k, w in enumerate(phrase)):
                return i + len(phrase)
        word = article.lower(i)
        if word in self.lists["filler"] or word in self.lists["quote_marks"] \
                or article.doc[i].lemma_.lower() in self.lists["filler"]:
            return i + 1
        return i

    def adverbs_before(self, article, i: int, start: int) -> int:
        """Index before the adverbs and adverb phrases that end at token i (not before ``start``): "stemte også
        DF for", "Det mener i hvert fald SF"."""
        while i > start:
            if article.lower(i) in self.lists["adverbs"]:
                i -= 1
                continue
            phrase = next((p for p in self.adverb_phrases if i - len(p) >= start
                           and all(article.lower(i - len(p) + 1 + k) == w for k, w in enumerate(p))), None)
            if phrase is None:
                return i
            i -= len(phrase)
        return i

    def is_role_word(self, word: str) -> bool:
        return self.roles.is_role_word(word)

    def is_reference_word(self, word: str) -> bool:
        """True for a word that may stand for a politician named before: a pronoun ("han"), a party noun
        ("partiet"), a role noun (a role word + "en": "formanden", "SF-formanden") or the (first) word of
        a collective noun ("kvintetten", "de" of "de to")."""
        low = word.lower()
        if low in self._reference_forms:
            return True
        return low.endswith("en") and self.roles.is_role_word(low[:-2])

    def reference_flag(self, vocab) -> int:
        """The id of the lexeme flag that holds `is_reference_word` (added to the vocab on first use).
        spaCy computes a flag once per word form, so ``doc.to_array(flag)`` tests every token at C speed."""
        for flag, getter in vocab.lex_attr_getters.items():
            if getter == self.is_reference_word:
                return flag
        return vocab.add_flag(self.is_reference_word)
