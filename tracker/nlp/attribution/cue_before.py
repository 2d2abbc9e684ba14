"""Cues before a subject: "Det mener X", "siger X", "stemte også X for", "Det samme gør X" (a verb before its
subject), "ifølge X", "kritik fra X", "står det til X", "bakkes op af X", "en aftale med X" (a preposition
of support or authorship); and a party as a side: "Hos Venstre er man imod", "en debat mellem X og Y"."""

from __future__ import annotations

from spacy.tokens import Span

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.cue_after import CuesAfter
from tracker.nlp.attribution.subjects import Group
from tracker.nlp.model import SPEAKER

FRONTED_REACH = 6  # "Bag aftalen om en sukkerafgift står X": the particle opening the sentence, this near the verb
AGREEMENT_REACH = 8  # "en aftale om en højere afgift på sukker med X": the agreement noun at most this far before


class CuesBefore:
    """Reads the words before (and around) a group."""

    def __init__(self, article: ArticleText, after: CuesAfter):
        self.article, self.after, self.words, self.doc = article, after, article.words, article.doc
        words = self.words
        self.stands_with = [phrase.split() for phrase in words["stands_with"]]
        self.sounds_from = [phrase.split() for phrase in words["sounds_from"]]
        self.debates: dict[int, bool] = {}  # by sentence start: does it name both sides of a debate?

    def cue_before(self, group: Group, sentence: Span) -> tuple[str, bool] | None:
        """(cue, refers back) for "Det mener X", "siger X", "ifølge X", "kritik fra X", "står det til X"."""
        article, words = self.article, self.words
        i = group.start - 1
        if i > sentence.start and article.lower(i) in words["list_openers"]:
            i -= 1  # "modstand fra både V og LA"
        if i - 1 > sentence.start and article.word(i) == "," and self.definite_role(article.word(i - 1)):
            i -= 2  # "Det afviser undervisningsministeren, Anna Holm (S)": the role in apposition to the name
        if i - 1 > sentence.start and article.word(i) in (",", "og") and article.lower(i - 1) in words["co_subjects"]:
            i -= 2  # "med stemmer fra regeringen, SF og RV", "indgået mellem regeringen og SF"
        if i < sentence.start:
            return None
        # "vedtaget af et flertal af S, SF og EL", "Her mener partierne fra EL til S"
        opener = self.after.subjects.opener_before(group.start, sentence)
        for at in dict.fromkeys((i, i - opener)):
            if at >= sentence.start and self.preposition_cue(group, at, sentence):
                return self.doc[at].text, False
        i -= opener  # "Her mener partierne fra EL til S, at ..."
        i = words.adverbs_before(article, i, sentence.start)  # "stemte også DF for", "mener i hvert fald SF"
        token = self.doc[i]
        opens = self.clause_start(i, sentence)
        back = i > opens and all(article.lower(j) in words["back"] for j in range(opens, i)) \
            and not self.clause_follows(group, sentence)
        spoken = (words.has(token, "speech") or self.after.verb_cue(token, group.end, sentence)
                  or self.fronted_object(token, sentence) or self.fronted_predicate(token, sentence))
        if (spoken or (back and token.lower_ in words["pro_verbs"])) and self.inverted(i, sentence):
            # "Det mener SF", "Det samme gør SF" stand for the words or the verb of the sentence before, or of
            # the clause before ("K afviser den, og det samme gør LA": the sentence is the evidence); a position
            # verb is a reaction of its own ("Det afviser SF": the sentence, read as a reaction by the stance)
            reaction = words.has(token, "reaction_verbs") or self.closing_negation(group, sentence) \
                or self.own_predicate(token, group, sentence)
            return token.text, back and opens == sentence.start and not reaction
        return None

    def definite_role(self, word: str) -> bool:
        """A role noun in its definite form: "ministeren", "undervisningsministeren", "ordføreren"."""
        return word.endswith("en") and self.article.is_role_word(word[:-2])

    def closing_negation(self, group: Group, sentence: Span) -> bool:
        """True when a negation right after the group ends the clause: "Det vil Venstre (heller) ikke."."""
        doc, i = self.doc, group.end
        if i < sentence.end and doc[i].lower_ == "heller":
            i += 1
        return i + 1 < sentence.end and doc[i].lower_ == "ikke" and doc[i + 1].is_punct

    def own_predicate(self, verb, group: Group, sentence: Span) -> bool:
        """True when a predicate of its own follows the group, after adverbs: an infinitive after a modal ("Det
        vil SF ikke være med til"), an answer ("Det siger SF nej til") or a particle ("Det går SF ikke med
        til"): the sentence is a reaction to what was said, not a report of it ("Det siger SF til DR")."""
        doc, words, i = self.doc, self.words, group.end
        while i < sentence.end and doc[i].lower_ in words["adverbs"]:
            i += 1
        if i >= sentence.end or doc[i].is_punct:
            return False
        if doc[i].lower_ in words["answers"]:
            return True
        if i + 1 < sentence.end and " ".join((doc[i].lower_, doc[i + 1].lower_)) in words["predicate_particles"]:
            return True
        return verb.lower_ in words["modals"] and doc[i].lower_ not in words["governing_prepositions"]

    def clause_follows(self, group: Group, sentence: Span) -> bool:
        """True when ", at" follows the group: "Det glæder SF, at ..." (the "det" stands for that clause)."""
        doc = self.doc
        j = group.end + (group.end < sentence.end and doc[group.end].text == ",")
        return j < sentence.end and doc[j].lower_ == "at"

    def clause_start(self, i: int, sentence: Span) -> int:
        """Where the clause of token i starts: after ", og" / ", men" before it in the sentence, else the
        sentence start."""
        article = self.article
        for j in range(i - 1, sentence.start, -1):
            if article.word(j - 1) == "," and article.lower(j) in self.words["clause_conjunctions"]:
                return j + 1
        return sentence.start

    def preposition_cue(self, group: Group, i: int, sentence: Span) -> bool:
        """"ifølge X", "står det til X", "lyder det fra X", "kritik fra X", "forslaget fra X",
        "bakkes op af X", "en aftale med X", "aftalen er indgået mellem X og Y"."""
        doc, words = self.doc, self.words
        before = [self.article.lower(j) for j in range(max(sentence.start, i - 2), i + 1)]
        word = before[-1]
        if word in words["according"] or before[-3:] in self.stands_with or self.sounds_from_before(i, sentence):
            return True
        if word in words["reaction_prepositions"] and self.reaction_near(group, sentence):
            return True
        if word in words["source"]:
            if any(t.lower_ in words["from_nouns"] for t in doc[max(sentence.start, i - 4):i]):
                return True
            if before[:-1] in ([partner, noun] for partner in words["partner"] for noun in words["backing"]):
                return True  # "vedtaget med stemmer fra X", "med støtte fra X"
        if word in words["partner"] and self.agreement_before(i, sentence):
            return True
        if word in words["debate"] and self.agreed_between(i, sentence):
            return True
        return word in words["agent"] and (self.passive_before(i, sentence) or self.received_before(i, sentence))

    def received_before(self, i: int, sentence: Span) -> bool:
        """"får ros af X", "høster massiv kritik af X": a reaction noun right before "af" (``i``), received
        (one of ``receiving`` at most three words before the noun); not "kritik af X" alone (X is its target)."""
        doc, words = self.doc, self.words
        if i - 1 <= sentence.start or not words.has(doc[i - 1], "reaction"):
            return False
        return any(t.lower_ in words["receiving"] for t in doc[max(sentence.start, i - 4):i - 1])

    def sounds_from_before(self, i: int, sentence: Span) -> bool:
        """"lyder det fra X", "lyder det stadig fra X", "lød det i går fra X": ``i`` is "fra"."""
        article, words = self.article, self.words
        if article.lower(i) not in words["source"]:
            return False
        for j in range(i, max(sentence.start + 1, i - 6), -1):  # "lyder det" ends at j, then fillers up to i
            if [article.lower(k) for k in range(max(sentence.start, j - 2), j)] not in self.sounds_from:
                continue
            k = j
            while k < i and (after := words.filler_end(article, k, i)) > k:
                k = after
            if k == i:
                return True
        return False

    def agreement_before(self, i: int, sentence: Span) -> bool:
        """"har indgået en aftale med X", "er blevet enige med X", "har indgået en aftale om en afgift med X": X
        is a partner to the agreement (what it is about may stand between, with no punctuation)."""
        doc, words = self.doc, self.words
        start = None
        for t in reversed(doc[max(sentence.start, i - AGREEMENT_REACH):i]):
            noun, agreed = t.lower_ in words["agreements"], t.lower_ in words["agreed"]
            if (noun and t.i >= i - 3) or (agreed and t.i == i - 1) or ((noun or agreed) and self.about_phrase(t.i, i)):
                start = t.i if noun else t.i + 1
                break
        if start is None:
            return False
        return any(words.has(t, "agreeing") for t in doc[max(sentence.start, start - 4):start])

    def about_phrase(self, noun: int, i: int) -> bool:
        """True when what lies between the noun at ``noun`` and token ``i`` is its "om ..." phrase, unpunctuated."""
        doc = self.doc
        return doc[noun + 1].lower_ in self.words["agreement_about"] and not any(t.is_punct for t in doc[noun + 1:i])

    def agreed_between(self, i: int, sentence: Span) -> bool:
        """"Aftalen er indgået mellem X og Y": the verb of making an agreement right before ``i`` ("mellem"),
        its noun earlier in the sentence; X and Y are its partners. Filler words may stand between the verb and
        "mellem" ("blev indgået i går mellem X og Y")."""
        doc, words, article = self.doc, self.words, self.article
        for verb in range(i - 1, max(sentence.start, i - 5), -1):
            if not words.has(doc[verb], "agreeing"):
                continue
            k = verb + 1
            while k < i and (after := words.filler_end(article, k, i)) > k:
                k = after
            if k == i:
                return any(t.lower_ in words["agreements"] for t in doc[sentence.start:verb])
        return False

    def fronted_object(self, verb, sentence: Span) -> bool:
        """"Samme tilkendegivelser giver X", "Bag aftalen om X står Y": the noun or particle of a phrasal verb
        stands before it, or opens the sentence at most FRONTED_REACH words before it."""
        words = self.words
        particles = words["phrasal"].get(verb.lemma_.lower()) or words["phrasal"].get(verb.lower_) or []
        window = range(max(sentence.start, verb.i - 3), verb.i)
        opening = (sentence.start,) if verb.i - sentence.start <= FRONTED_REACH else ()
        before = [self.article.lower(j) for j in (*opening, *window)] if particles else []
        return any(word in particles and word in words["fronted"] for word in before)

    def inverted(self, verb: int, sentence: Span) -> bool:
        """True when the verb comes before its subject (V2 after "Det", an adverb or a comma).

        Never after "at" ("at presse X til") or a modal ("vil ikke støtte X"); a verb that takes a person as
        object ("opfordrer X til") only after a sentence adverb or a comma.
        """
        doc, words = self.doc, self.words
        takes_object = words.has(doc[verb], "object_verbs")
        while verb - 1 > sentence.start and words.has(doc[verb - 1], "filler") \
                and doc[verb - 1].lower_ not in words["expletives"]:
            verb -= 1
        if verb == sentence.start:
            return False
        before = doc[verb - 1]
        if before.lower_ in words["subject_words"] or before.lower_ in words["modals"]:
            return False  # "at støtte X"; "DF vil ikke støtte X": an infinitive's noun after it is its object
        if self.fronted_phrase(verb, sentence) or self.fronted_reference(verb, sentence):
            return True  # "Og hos Alternativet kalder Anna Holm det ...", "Forslaget kalder Anna Holm ..."
        if (before.text[:1].isupper() and before.i == sentence.start) or (takes_object and before.text != ","):
            return before.lower_ in words["front"]
        return not (self.article.party_token(before) or self.article.in_mention_of(SPEAKER, before.idx))

    def fronted_predicate(self, verb, sentence: Span) -> bool:
        """"Blandt modstanderne er Venstre og SF", "Imod er SF": a predicate before the copula before them,
        or opening a phrase before it ("Blandt tilhængerne af forslaget er ...")."""
        if verb.lower_ not in self.words["copulas"] or verb.i == sentence.start:
            return False
        if self.after.predicate_at(self.doc[verb.i - 1]):
            return True
        opening = self.doc[sentence.start:verb.i]  # "Blandt tilhængerne af en afgift på sukker er SF og EL"
        return opening[0].lower_ in self.words["fronted_groups"] and len(opening) <= 8 and \
            any(self.after.predicate_at(t) for t in opening[1:3])

    def fronted_phrase(self, verb: int, sentence: Span) -> bool:
        """True when the sentence opens with a preposition and a party or person ("Hos Alternativet", "I
        Venstre") right before the verb (after "Og" or "Men")."""
        article, words = self.article, self.words
        j = self.opening(verb, sentence)
        if j + 1 >= verb or article.lower(j) not in words["governing_prepositions"]:
            return False
        return all(article.in_mention_of(None, article.token_starts[k]) or article.word(k) in ("(", ")")
                   for k in range(j + 1, verb))

    def opening(self, verb: int, sentence: Span) -> int:
        """The first token of the sentence after its clause conjunctions ("Og", "Men"), at most ``verb``."""
        j = sentence.start
        while j < verb and self.article.lower(j) in self.words["clause_conjunctions"]:
            j += 1
        return j

    def fronted_reference(self, verb: int, sentence: Span) -> bool:
        """True when the sentence opens (after "Og" or "Men") with the proposal or what was said, right before
        the verb: "Forslaget", "Den melding", "Denne plan" (``fronted_references``; a demonstrative and one of
        ``fronted_nouns``)."""
        article, words = self.article, self.words
        opening = [article.lower(k) for k in range(self.opening(verb, sentence), verb)]
        if len(opening) == 1:
            return opening[0] in words["fronted_references"]
        return len(opening) == 2 and opening[0] in words["fronted_demonstratives"] \
            and opening[1] in words["fronted_nouns"]

    def passive_before(self, i: int, sentence: Span) -> bool:
        """"bakkes op af X", "er foreslået af X": a position verb in the passive right before "af"."""
        for token in reversed(self.doc[max(sentence.start, i - 3):i]):
            if token.lower_ in self.words["passives"]:
                return True
            if token.is_punct:
                return False
        return False

    def reaction_near(self, group: Group, sentence: Span) -> bool:
        """A reaction noun within 8 tokens of the group's start, in the sentence."""
        near = self.doc[max(sentence.start, group.start - 8):min(sentence.end, group.start + 9)]
        return any(self.words.has(t, "reaction") for t in near)

    def side_of(self, group: Group, sentence: Span) -> str | None:
        """"Hos Venstre er man imod", "Fra Venstres side lyder det, at": the party speaks as "man" or "det"."""
        article, doc, words, after = self.article, self.doc, self.words, self.after
        start = group.start
        if start - 1 > sentence.start and article.lower(start - 2) in words["side_prepositions"] \
                and article.word(start - 1).islower() and article.lower(start - 1).endswith(("en", "et")):
            start -= 1  # "Hos regeringskollegaen De Konservative"
        before = article.lower(start - 1) if start > sentence.start else ""
        i = group.end
        if before in words["source"] and i < len(article) and article.lower(i) in words["side_nouns"]:
            i += 1
        elif before not in words["side_prepositions"]:
            return None
        speakers = (*words["impersonal"], *words["side_subjects"])
        for token in doc[i:min(i + 5, sentence.end)]:
            if words.has(token, "speech") or after.verb_cue(token, token.i + 1, sentence) or after.predicate_at(token):
                impersonal = any(t.lower_ in speakers for t in doc[i:token.i + 2])
                return token.text if impersonal else None
            if not (words.has(token, "filler") or token.lower_ in words["impersonal"]):
                return None
        return None

    def debate_side(self, group: Group, sentence: Span) -> str | None:
        """"en debat mellem X på den ene side og Y på den anden": each side holds a position."""
        article = self.article
        if sentence.start not in self.debates:
            text = article.text[sentence.start_char:sentence.end_char].lower()
            self.debates[sentence.start] = all(side in text for side in self.words["sides"])
        if not self.debates[sentence.start]:
            return None
        before = {article.lower(j) for j in range(sentence.start, group.start)}
        return next((word for word in sorted(self.words["debate"]) if word in before), None)
