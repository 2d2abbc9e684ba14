"""Cues after a subject: the cue verb or predicate that makes a group hold a position ("mener", "har
tidligere foreslået", "er imod", "går ind for", "meldte ... ud, at"), or a party's own proposal
("Venstres forslag") and aim ("Socialdemokratiets mål er")."""

from __future__ import annotations

from spacy.tokens import Span

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.subjects import Group, Subjects
from tracker.nlp.words import DEFINITE_GENITIVES, QUOTE_OPENERS, is_genitive

QUOTE_MARKS = tuple(opener.strip() for opener in QUOTE_OPENERS)  # as the first character of a token


def _fits(entry: list[str], words: list[str]) -> bool:
    """True when ``words`` open with the words of ``entry``; "*forliget" is any word ending so ("energiforliget")."""
    return len(words) >= len(entry) and all(w.endswith(e[1:]) if e.startswith("*") else w == e
                                            for e, w in zip(entry, words))


class CuesAfter:
    """Reads the words after a group."""

    def __init__(self, article: ArticleText, subjects: Subjects):
        self.article, self.subjects, self.words, self.doc = article, subjects, article.words, article.doc
        self.together = [phrase.split() for phrase in self.words["together"]]

    def cue_after(self, group: Group, sentence: Span) -> str | None:
        """The cue verb or predicate after a group ("mener", "har tidligere foreslået", "er imod").

        A relative clause in between is passed over (", der har 15 mandater, står ..."), and is
        itself the cue when it starts with one (", som kræver ..."). A group after a preposition ("Hos SF
        kalder Anna Holm ...") is no subject: only such a relative clause makes it hold a position.
        """
        doc, words = self.doc, self.words
        i, skipped = group.end, 0
        if self.authored(group, sentence):
            return doc[group.end].text
        if self.introduces(group, sentence):
            return doc[group.end].text
        if self.presents_anothers(group, sentence):
            return None
        governed = self.governed(group, sentence)
        i = self.subjects.past_co_subject(self.past_quantifier(i, sentence), sentence,
                                          lambda t: self.verb_cue(t, t.i + 1, sentence) or self.predicate_at(t))
        while i < sentence.end and skipped <= 5:
            token = doc[i]
            if self.subjects.relative_clause_at(i):
                cue = self.cue_at(i + 2, sentence)
                if cue:
                    return cue
                i = self.clause_end(i + 2, sentence)
                continue
            if governed:
                return None
            if self.verb_cue(token, token.i + 1, sentence) or self.predicate_at(token):
                if self.passive(group, token, sentence) or self.reports_nothing(token, sentence):
                    return None
                if token.lower_ in words["reciprocal"] and len(group.actors) > 1:
                    return None  # "V og SF er uenige": with each other, on no side of their own
                return token.text
            if self.origin_at(group, i, sentence):
                i = self.past_actors(i + 1, sentence)  # "Alex Holm fra Liberal Alliance afviser ..."
                continue
            if any(token.lower_ == first and doc[i + 1:i + 2].text == second for first, second in self.together):
                i = self.past_actors(i + 2, sentence)  # "Enhedslisten har sammen med SF fremsat ..."
                continue
            after = self.past_predicate_noun(i, sentence)
            if after == i:
                after = words.filler_end(self.article, i, sentence.end)
            if after == i and token.lower_ in words["floating_quantifiers"]:
                after = i + 1  # "V og SF er begge imod": the quantifier of the group
            if after == i:
                return self.said_further(i, sentence)
            i, skipped = after, skipped + 1
        return None

    def introduces(self, group: Group, sentence: Span) -> bool:
        """True when the sentence opens with the group and a colon before a quote or a sentence of its own:
        "Anna Holm (V): »Vi vil ikke have en afgift.«", the headline "SF: Skatten skal ned"; not a question."""
        doc, end = self.doc, group.end
        if group.start != sentence.start or "?" in sentence.text[-3:]:
            return False  # "DF: Hvad er der sket?" asks
        if end < sentence.end and doc[end].text == "(":  # the party tag: "(", "V", "):" (or ")", ":")
            end = next((k + 1 for k in range(end, min(end + 4, sentence.end)) if doc[k].text.startswith(")")), end)
        if doc[end - 1].text != "):":
            if end >= sentence.end or doc[end].text != ":":
                return False
            end += 1
        return end < sentence.end and (doc[end].text[:1] in QUOTE_MARKS or doc[end].text[:1].isupper())

    def reports_nothing(self, verb, sentence: Span) -> bool:
        """True for a verb of saying with nothing said after it: "har skrevet en bog", "fortalte om sin ferie"
        (what is said follows as ", at", ":", a quote, "nej"/"ja" or "det"), and for declining to comment."""
        words = self.words
        if words.declines(self.doc[verb.i + 1:sentence.end]):  # "vil ikke kommentere sagen"
            return True
        if not words.has(verb, "reporting"):
            return False
        after = [t.lower_ for t in self.doc[verb.i + 1:sentence.end]]
        return not (any(word in words["reported"] for word in after) or any(
            after[k:k + 2] == [",", "at"] for k in range(len(after) - 1)))

    def past_predicate_noun(self, i: int, sentence: Span) -> int:
        """Index of the comma after a copula and a predicate noun ("er det eneste parti, der ...", "er et af de
        partier, som ..."), so that the relative clause after it is read; else i."""
        doc, words = self.doc, self.words
        if i >= sentence.end or doc[i].lower_ not in words["copulas"]:
            return i
        for j in range(i + 1, min(i + 6, sentence.end - 2)):
            if doc[j].is_punct:
                return i
            if doc[j].lower_ in words["predicate_nouns"] and doc[j + 1].text == "," \
                    and doc[j + 2].lower_ in words["relatives"]:
                return j + 1
        return i

    def past_quantifier(self, i: int, sentence: Span) -> int:
        """Index after a quantifier of the group right after it (", begge", "alle"), else i."""
        article, words = self.article, self.words
        j = i + 1 if i < sentence.end and article.word(i) == "," else i
        return j + 1 if j < sentence.end and article.lower(j) in words["floating_quantifiers"] else i

    def passive(self, group: Group, verb, sentence: Span) -> bool:
        """True when the verb is a participle whose nearest auxiliary makes it passive, between the group and
        the verb or right before the group: "V og K er blevet kritiseret", "bliver også X kritiseret for"."""
        words, form, lemma = self.words, verb.lower_, verb.lemma_.lower()
        if form in words["predicate"]:
            return False  # an adjective of a state, not a passive: "Venstre er begejstret / bekymret"
        if form not in words["passives"] and not (form.endswith("t") and form != lemma and lemma.endswith("e")):
            return False
        before = [t.lower_ for t in self.doc[max(sentence.start, group.start - 3):group.start]]
        for word in [t.lower_ for t in self.doc[group.end:verb.i]][::-1] + before[::-1]:
            if word in words["active_markers"]:
                return False
            if word in words["passive_markers"]:
                return True
        return False

    def governed(self, group: Group, sentence: Span) -> bool:
        """True when a preposition stands right before the group ("hos SF", "fra Venstre"), not "sammen med"
        nor a coordination opener ("et flertal bestående af")."""
        article, start = self.article, group.start
        if start <= sentence.start or article.lower(start - 1) not in self.words["governing_prepositions"]:
            return False
        if self.subjects.opener_before(start, sentence):
            return False  # "Et flertal bestående af S, SF og EL går ind for ..."
        return [article.lower(j) for j in range(max(sentence.start, start - 2), start)] not in self.together

    def origin_at(self, group: Group, i: int, sentence: Span) -> bool:
        """True at the "fra" of a person's party right after the person: "Alex Holm fra Liberal Alliance"."""
        last = group.actors[-1] if group.actors else None
        return (i + 1 < sentence.end and last is not None and not last.is_party and last.end == i
                and self.article.lower(i) in self.words["source"] and self.article.in_party(i + 1))

    def past_actors(self, i: int, sentence: Span) -> int:
        """Index after the names, tags and role words starting at i."""
        doc, article = self.doc, self.article
        while i < sentence.end and (article.in_mention(doc[i]) or doc[i].text in ("(", ")", ",", "og")
                                    or article.is_role_word(doc[i].text)):
            i += 1
        return i

    def said_further(self, i: int, sentence: Span) -> str | None:
        """"X har tidligere over for DR sagt, at ...": a speech verb right before ", at" further on in the clause."""
        doc = self.doc
        for token in doc[i:min(i + 10, sentence.end - 2)]:
            if token.is_punct:
                return None
            if self.words.has(token, "speech"):
                after = [t.lower_ for t in doc[token.i + 1:token.i + 3]]
                if after == [",", "at"] or after[:1] == [":"]:  # a reported clause follows
                    return token.text
        return None

    def presents_anothers(self, group: Group, sentence: Span) -> bool:
        """"regeringens plan, som X præsenterer": presenting another's plan (a genitive owner before the
        noun a relative clause is about) is no position of X's own."""
        doc, words = self.doc, self.words
        rel = group.start - 1
        if rel <= sentence.start or doc[rel].lower_ not in words["relatives"]:
            return False
        following = doc[group.end:min(group.end + 4, sentence.end)]
        verb = next((t for t in following if not words.has(t, "filler") and t.lower_ not in words["modals"]), None)
        if verb is None or not words.has(verb, "presenting"):
            return False
        noun = rel - 2 if doc[rel - 1].text == "," else rel - 1
        owners = doc[max(sentence.start, noun - 2):max(sentence.start, noun)]
        return any(t.lower_.endswith(DEFINITE_GENITIVES) and t.lower_ not in words["party_nouns"] for t in owners)

    def authored(self, group: Group, sentence: Span) -> bool:
        """A party or person in the genitive before its own proposal: "Venstres forslag", "SF's udspil",
        "kulturminister Mette Testesens (LA) plan om"."""
        doc, words = self.doc, self.words
        last = group.actors[-1]
        mention = last.mention
        if group.end >= sentence.end or mention is None or last.pronoun or not is_genitive(mention.text):
            return False
        if not last.is_party and (mention.text == mention.name or not mention.name):
            return False  # a name that ends in "s" itself ("Lars Kristiansen")
        noun = doc[group.end].lower_
        if noun.endswith(tuple(words["authorship"])):
            return True
        verb = doc[group.end + 1].lower_ if group.end + 1 < sentence.end else ""
        aim = noun.endswith(tuple(words["aims"])) and not noun.endswith(tuple(words["not_aims"]))
        return aim and (verb in words["copulas"] or verb in words["sounding"])  # "Socialdemokratiets mål er ..."

    def verb_cue(self, token, particles_from: int, sentence: Span) -> bool:
        """A position verb; "går", "bakker", "åbner" ... only with their particle ("går ind for")."""
        words = self.words
        if words.has(token, "position"):
            return True
        particles = words["phrasal"].get(token.lemma_.lower()) or words["phrasal"].get(token.lower_)
        if not particles:
            return False
        window = {t.lower_ for t in self.doc[particles_from:min(particles_from + 4, sentence.end)]}
        return any(p in window for p in particles) or self.particle_before_that(particles, particles_from, sentence)

    def particle_before_that(self, particles, i: int, sentence: Span) -> bool:
        """"meldte ved sit gruppemøde klart ud, at": the particle further on, right before ", at" or ":"."""
        doc = self.doc
        for token in doc[i:min(i + 8, sentence.end - 2)]:
            after = doc[token.i + 1:token.i + 3]
            if token.lower_ in particles and (after[0].text == ":" or [t.lower_ for t in after] == [",", "at"]):
                return True
            if token.is_punct:
                return False
        return False

    def predicate_at(self, token) -> bool:
        """"er imod", "er modstander"; "med" and "for" only after a copula and before their own words
        ("SF er også med.", "er med på", "er for en afskaffelse")."""
        doc, words = self.doc, self.words
        if words.has(token, "predicate"):
            return True
        allowed = words["bounded_predicates"].get(token.lower_)
        following = [t.lower_ for t in doc[token.i + 1:token.i + 3]]
        if not allowed or not any(_fits(entry.split(), following) for entry in allowed):
            return False  # an entry may be two words: "er med i aftalen" (not "er med i regeringen")
        i = token.i - 1
        while i > 0 and doc[i].lower_ in words["adverbs"]:
            i -= 1
        return doc[i].lower_ in words["copulas"]

    def cue_at(self, i: int, sentence: Span) -> str | None:
        """The cue at token i, after at most three filler words or phrases."""
        for _ in range(4):
            if i >= sentence.end:
                return None
            token = self.doc[i]
            if self.verb_cue(token, token.i + 1, sentence) or self.predicate_at(token):
                return token.text
            after = self.words.filler_end(self.article, i, sentence.end)
            if after == i:
                return None
            i = after
        return None

    def clause_end(self, i: int, sentence: Span) -> int:
        """Index after the comma closing a relative clause (the sentence end if none is near)."""
        for token in self.doc[i:min(i + 15, sentence.end)]:
            if token.text == ",":
                return token.i + 1
        return sentence.end
