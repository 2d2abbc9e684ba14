"""Subjects: actors joined by "og", "eller", commas and appositions into one group ("Venstres ordfører,
Mette Testesen (V), og SF"), with the role words and party genitive before them."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Span

from tracker.nlp.attribution.actors import Actor
from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.words import DEFINITE_GENITIVES, is_genitive


@dataclass
class Group:
    """Actors joined by "og", "eller", commas and appositions: one grammatical subject."""

    start: int
    end: int
    actors: list[Actor] = field(default_factory=list)

ROLE_APPOSITION_WORDS = 4  # ", formand for Folketingets sundhedsudvalg,": words after the role word
LOOSE_OPENER_GAP = 6  # "et flertal uden om regeringen bestående af": words between the noun and "bestående af"


class Subjects:
    """Groups the actors of a sentence."""

    def __init__(self, article: ArticleText):
        self.article, self.words = article, article.words
        self.openers = [phrase.split() for phrase in self.words["coordination_openers"]]

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
            closing = (self.role_apposition(at, sentence) or self.bracket_after(at, sentence)) \
                if current is not None and current.actors else None
            if closing is not None:  # "Anna Holm (S), borgmester i Aarhus, er imod": the role is part of it
                current.end, i = closing + 1, closing + 1
                continue
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

    def role_apposition(self, i: int, sentence: Span) -> int | None:
        """Index of the comma closing a role in apposition that opens at the comma ``i`` right after a name:
        ", borgmester i Aarhus," / ", formand for Sundhedsudvalget,": a role word, then at most
        ``ROLE_APPOSITION_WORDS`` words with no punctuation, no actor and no relative pronoun; else None."""
        article = self.article
        if article.word(i) != ",":
            return None
        head = i + 1
        while head < sentence.end and self.words.roles.is_modifier(article.lower(head)):
            head += 1  # ", tidligere minister,"
        if head + 1 >= sentence.end or not self.words.is_role_word(article.word(head)):
            return None
        for j in range(head + 1, min(head + 1 + ROLE_APPOSITION_WORDS, sentence.end)):
            word = article.word(j)
            if word == ",":
                return j if j + 1 < sentence.end else None
            if self.article.doc[j].is_punct or article.in_mention(self.article.doc[j]) \
                    or word.lower() in self.words["relatives"]:
                return None
        return None

    def bracket_after(self, i: int, sentence: Span) -> int | None:
        """Index of the ")" closing a short bracket opened at ``i`` right after a name ("Anna Holm (tidl. SF)",
        "(løsgænger)"): at most ``ROLE_APPOSITION_WORDS`` tokens and no actor inside; else None."""
        article = self.article
        if article.word(i) != "(" or i == 0 or article.word(i - 1) == ")":
            return None
        for j in range(i + 1, min(i + 2 + ROLE_APPOSITION_WORDS, sentence.end)):
            if article.word(j) == ")":
                return j if j > i + 1 else None
            if article.word(j) == "(" or article.in_mention(article.doc[j]):
                return None
        return None

    def opener_before(self, start: int, sentence: Span) -> int:
        """The length of the coordination opener ending right before token ``start`` ("et flertal bestående af",
        "partierne fra"), else 0."""
        article = self.article
        for phrase in self.openers:
            if start - len(phrase) >= sentence.start and \
                    [article.lower(k) for k in range(start - len(phrase), start)] == phrase:
                return len(phrase)
        return self.loose_opener(start, sentence)

    def loose_opener(self, start: int, sentence: Span) -> int:
        """The length of "et flertal uden om regeringen bestående af": a majority noun a few words before
        "bestående af" (``majorities``, ``consisting``), with its article; else 0."""
        article, words = self.article, self.words
        tail = words["consisting"].split()
        if start - len(tail) <= sentence.start or \
                [article.lower(k) for k in range(start - len(tail), start)] != tail:
            return 0
        for k in range(start - len(tail) - 1, max(sentence.start, start - len(tail) - LOOSE_OPENER_GAP) - 1, -1):
            if article.lower(k) in words["majorities"]:
                return start - (k - 1 if k > sentence.start and article.lower(k - 1) in words["determiners_of_majority"]
                                else k)
        return 0

    def past_co_subject(self, i: int, sentence: Span, is_verb) -> int:
        """Index of the verb after a subject that is no actor but shares it ("EL, SF og tre løsgængere stemmer
        nej", "V og flere borgmestre kræver ..."), else i (a group's end): "og" or "samt" and a counted noun
        phrase of at most seven words with no punctuation and no actor but after a preposition in it ("to
        borgmestre fra Venstre"), then a token ``is_verb`` accepts or a modal verb."""
        article, words, doc = self.article, self.words, self.article.doc
        if i + 2 >= sentence.end or article.lower(i) not in ("og", "samt"):
            return i
        named = self.named_co_subject(i + 1, sentence, is_verb)
        if named is not None:
            return named  # "SF og Dansk Industri kræver ...": an organisation beside the party
        if not (article.lower(i + 1) in words["co_subject_openers"] or doc[i + 1].like_num):
            return i
        governed = False  # a party after a preposition belongs to the phrase ("to borgmestre fra Venstre")
        for j in range(i + 2, min(i + 9, sentence.end)):
            token = doc[j]
            if article.in_mention(token):
                if not governed:
                    return i
                continue
            if token.is_punct:
                return i
            if token.lower_ in words["modals"] or is_verb(token):
                return j
            governed = token.lower_ in words["governing_prepositions"] or token.lower_ == "for"
        return i

    def named_co_subject(self, i: int, sentence: Span, is_verb) -> int | None:
        """Index of the verb after a name that is no actor ("Dansk Industri", "Landbrug & Fødevarer": at most
        four capitalised words or "&", no mention) right after "og", else None."""
        doc = self.article.doc
        j = i
        while j < min(i + 4, sentence.end) and (doc[j].is_title or doc[j].text == "&") \
                and not self.article.in_mention(doc[j]):
            j += 1
        if j == i or j >= sentence.end or not doc[i].is_title:
            return None
        token = doc[j]
        verb = token.lower_ in self.words["modals"] or token.lower_ in self.words["copulas"] or is_verb(token)
        return j if verb else None

    def is_glue(self, i: int, actors: dict[int, Actor]) -> bool:
        article, words = self.article, self.words
        text = article.word(i)
        word = text.lower()
        if word in words["glue"] or word in words["co_subjects"] or words.is_role_word(text) \
                or words.roles.is_modifier(word):
            return True
        if word.endswith("-") and len(word) > 2:
            return True
        if word in words["determiners"] and i + 1 < len(article) and article.in_party(i + 1):
            return True  # "Liberal Alliance og de Konservative"
        if article.in_party(i) and i not in actors:
            return True  # a party tag, also one that is a word: "(I)" of "Anna Holm (I)" is no "i"
        if word in words["links"] or word in words["source"]:
            return i + 1 < len(article) and article.in_party(i + 1)
        return self.range_end(i)

    def range_end(self, i: int) -> bool:
        """True at the "til" of a range of parties: "partierne fra Enhedslisten til Venstre"."""
        article = self.article
        return article.lower(i) == "til" and i + 1 < len(article) and article.in_party(i + 1) \
            and any(article.lower(j) == "fra" for j in range(max(0, i - 4), i))

    def apart(self, group: Group, i: int, actors: dict[int, Actor]) -> bool:
        """True when a new actor at i follows the group's actors with no "og" or comma between
        ("opfordrer SF S-formand Mette Testesen til": subject, then object)."""
        actor = actors.get(i)
        if actor is None or not group.actors or actor in group.actors:
            return False
        last_end = max(a.end for a in group.actors)
        return not any(self.article.lower(j) in self.words["joiners"] or self.range_end(j)
                       for j in range(last_end, i))

    def relative_clause_at(self, i: int) -> bool:
        """True at the comma of ", som ..." / ", der ...", unless the clause only gives a role."""
        article = self.article
        if not (article.word(i) == "," and i + 1 < len(article) and article.lower(i + 1) in self.words["relatives"]):
            return False
        return not self.role_clause(i + 2)

    def role_clause(self, i: int) -> bool:
        """"(, der) er økonomiminister," / "(, som) er ordfører for SF.": a relative clause with only a role."""
        doc, words = self.article.doc, self.words
        if i >= len(doc) or doc[i].lower_ not in words["role_copulas"]:
            return False
        found = []
        for token in doc[i + 1:i + 9]:
            if token.is_punct:
                break
            found.append(token)
        else:
            return False
        fits = all(words.is_role_word(t.text) or words.roles.is_modifier(t.lower_) or t.lower_ in words["links"]
                   or self.article.party_token(t) for t in found)
        return fits and any(words.is_role_word(t.text) for t in found)

    def trimmed(self, group: Group, actors: dict[int, Actor]) -> Group:
        """Drop trailing glue, but keep ")" and the comma closing an apposition (", formand for SF,")."""
        word = self.article.word
        first_actor = min(a.start for a in group.actors) if group.actors else group.start
        opener = [word(j) for j in range(max(group.start - 2, 0), group.start)]
        opened = "," in opener and opener[-1] in self.words["apposition_openers"]
        while group.end - 1 > first_actor and group.end - 1 not in actors:
            last = word(group.end - 1)
            if last == ")" or last.lower() in self.words["co_subjects"] or (last == "," and (
                    opened or any(word(j) == "," for j in range(group.start, group.end - 1)))):
                break
            group.end -= 1
        return group

    def role_start(self, i: int, sentence: Span) -> int:
        """First token of the role words and party genitive right before token i."""
        article, words = self.article, self.words
        j = i
        while j - 1 >= sentence.start:
            text = article.word(j - 1)
            lower = text.lower()
            if text == "," and j - 2 >= sentence.start and (self.describes(j - 2) or article.word(j - 2).endswith("-")):
                j -= 1  # "Venstres ordfører, Mette Testesen", "regeringens støtteparti, De Radikale", "klima-, energi-"
            elif words.is_role_word(text) or words.roles.is_modifier(lower) or text.endswith("-"):
                j -= 1
            elif article.in_party(j - 1) and (is_genitive(text) or text.islower()):
                j -= 1  # "Venstres ordfører", "den konservative ordfører"
            elif lower in words["determiners"] and j < i:
                j -= 1
                break
            elif lower.endswith(tuple(words["descriptors"])):
                j -= 1
            elif lower.endswith(DEFINITE_GENITIVES) and self.describes(j):
                j -= 1  # "regeringens støtteparti"
            else:
                break
        while j < i and article.lower(j) in ("og", ","):
            j += 1
        return j

    def describes(self, i: int) -> bool:
        """True when token i is a role word or a descriptor ("støtteparti")."""
        return self.words.is_role_word(self.article.word(i)) or \
            self.article.lower(i).endswith(tuple(self.words["descriptors"]))
