"""Acts of parties: parties named as the subject of a clause hold a position by what they do, whatever the
verb ("Venstre, SF og Enhedslisten forlænger suspenderingen", "Et flertal bestående af S, V og SF trækker
støtten", "Socialdemokratiet kom i januar med et udspil"), unless the verb is about the parties themselves
("mødes", "får 20 mandater", "går frem")."""

from __future__ import annotations

from spacy.tokens import Span

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.subjects import Group, Subjects

# Endings of a noun's definite and genitive forms after its lemma ("side" -> "siden"): no verb forms.
NOUN_ENDINGS = ("n", "t", "ne", "ns", "ts", "nes", "en", "et", "ens", "ets", "erne", "ene")


class Acts:
    """Reads the clause a group of parties opens."""

    def __init__(self, article: ArticleText, subjects: Subjects):
        self.article, self.words, self.doc, self.subjects = article, article.words, article.doc, subjects

    def act_after(self, group: Group, sentence: Span) -> str | None:
        """The verb of a clause whose subject is one or more parties (named as such), or None."""
        if not group.actors or not all(actor.is_party for actor in group.actors):
            return None
        if not self.opens_clause(group.start, sentence):
            return None
        doc, words = self.doc, self.words
        i = self.subjects.past_co_subject(group.end, sentence, self.finite_verb)
        while (after := words.filler_end(self.article, i, sentence.end)) > i:
            i = after
        if i >= sentence.end or not self.finite_verb(doc[i]):
            return None
        before = doc[i - 1].lower_ if i > group.end else ""
        if before in words["passive_auxiliaries"]:
            return None  # "er blevet kritiseret for"
        if words.declines(doc[i + 1:sentence.end]):
            return None  # "DF vil ikke kommentere sagen"
        return doc[i].text

    def opens_clause(self, start: int, sentence: Span) -> bool:
        """True when the group starts its clause: nothing but openers ("Også", "Kun", "Et flertal bestående af")
        stands between it and the start of the sentence or of a clause joined by "og", "men" or "mens"."""
        words = self.words
        j = start
        while j > sentence.start and self.article.lower(j - 1) in words["subject_openers"]:
            j -= 1
        j -= self.subjects.opener_before(j, sentence)
        return j == sentence.start or self.article.lower(j - 1) in words["clause_conjunctions"]

    def finite_verb(self, token) -> bool:
        """A verb form that may be finite: a modal, or a form of a verb (a lemma ending in a vowel) that is no
        definite noun form and no verb of being, having or getting (``not_acts``); verbs that need a
        particle ("går ind for") count only with it, and those are cues already."""
        words, form, lemma = self.words, token.lower_, token.lemma_.lower()
        if form in words["modals"]:
            return True
        if not token.is_alpha or form == lemma or not lemma or lemma[-1] not in "aeiouyæøå":
            return False
        if lemma in words["not_acts"] or lemma in words["phrasal"] or form in words["phrasal"]:
            return False
        return not any(form == lemma + ending for ending in NOUN_ENDINGS)
