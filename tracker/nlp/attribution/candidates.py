"""Statement candidates: for each quote paragraph its speaker's statements, and for each sentence of
reported speech the people and parties that hold a position in it (parties only where no person speaks in
their clause, as a side of a debate, or named beside people of other parties: "Anna Holm (S) og SF")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from tracker.nlp.attribution.actors import Actors
from tracker.nlp.attribution.acts import Acts
from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.cue_after import CuesAfter
from tracker.nlp.attribution.cue_before import CuesBefore
from tracker.nlp.attribution.quotes import Quotes
from tracker.nlp.attribution.speakers import QuoteSpeakers
from tracker.nlp.attribution.subjects import Group, Subjects
from tracker.nlp.model import PARTY, SPEAKER, Mention, StatementCandidate
from tracker.nlp.words import QUOTE_OPENERS


@dataclass(frozen=True)
class Scores:
    """How sure attribution is of a candidate's speaker and party, by how it was found: the share of such
    statements whose (speaker, party) is in the gold table, (right + 1) / (rows + 2), measured with
    scripts/calibrate_confidence.py on the 80-article tuning set the rules were written on (so high; expect
    less on new text): 73/74, 16/16, 105/109, and 97/101 for party and "sammen med" rows together."""

    own_quote: float = 0.97  # a quote paragraph with its own attribution (", siger X")
    inherited_quote: float = 0.94  # a quote paragraph that takes a neighbour's speaker
    person: float = 0.95  # a person holding a position in reported speech
    party: float = 0.95  # a party row
    together: float = 0.95  # a person acting "sammen med" the subject


class Candidates:
    """Makes the statement candidates of one article."""

    def __init__(self, article: ArticleText, quotes: Quotes, actors: Actors, subjects: Subjects,
                 after: CuesAfter, before: CuesBefore, scores: Scores = Scores()):
        self.article, self.quotes, self.actors, self.subjects = article, quotes, actors, subjects
        self.after, self.before, self.scores, self.words = after, before, scores, article.words
        self.acts = Acts(article, subjects)
        self.together = [phrase.split() for phrase in self.words["together"]]

    def evidence(self, sentence: Span) -> tuple[int, int]:
        """Character span of a sentence without its leading dash or opening quote mark."""
        text = self.article.text
        start, end = sentence.start_char, sentence.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        for opener in QUOTE_OPENERS:
            if text.startswith(opener, start):
                start += len(opener)
                break
        while start < end and text[start].isspace():
            start += 1
        return start, end

    def candidate(self, sentence: Span, who: Mention, kind: str, confidence: float, cue: str,
                  said_at: Span | None = None) -> StatementCandidate:
        """A candidate with `sentence` as evidence; `said_at` is where the cue stands (default: there)."""
        start, end = self.evidence(sentence)
        person = who.kind == SPEAKER
        return StatementCandidate(
            party=who.party, kind=kind if person else "indirect", evidence=self.article.text[start:end],
            start_char=start, end_char=end, speaker=who.name if person else None,
            politician_key=who.politician_key if person else None, role=who.role if person else None,
            discovered=who.discovered if person else False, confidence=confidence, scores={"attribution": confidence},
            extra={"cue": cue, "at": (said_at or sentence).start_char})

    def quote_statements(self, speakers: QuoteSpeakers) -> list[StatementCandidate]:
        found = []
        for paragraph, speaker in speakers.paragraph_speakers().items():
            if speaker is None or speaker.party is None:
                continue
            sentences = self.article.sentences_of(paragraph)
            own = any(speakers.quote_speaker(s) not in (False, None) for s in sentences)
            score = self.scores.own_quote if own else self.scores.inherited_quote
            found += [self.candidate(sentence, speaker, "direct_quote", score, "quote") for sentence in sentences]
        return found

    def indirect_statements(self) -> list[StatementCandidate]:
        found = []
        for index in self.article.sentences_naming_someone():
            sentence = self.article.sentences[index]
            if not self.quotes.in_quote_paragraph(sentence):
                found += self.sentence_statements(index, sentence)
        return found

    def sentence_statements(self, index: int, sentence: Span) -> list[StatementCandidate]:
        """People and parties holding a position in a sentence; parties only when no person speaks in their
        clause (a contrast "mens X ..." is a clause of its own), as a side of a debate, or named in one group
        with people of other parties ("bakkes op af Anna Holm (S) og Enhedslisten")."""
        actors = self.actors.actors_in(sentence)
        if not any(actor.holders for actor in actors.values()):
            return []
        people, parties, speakers_at = [], [], []
        groups = self.subjects.groups_in(sentence, actors)
        for group in groups:
            found = self.group_cue(group, sentence)
            if found is None:
                continue
            cue, back = found
            target = self.article.sentences[index - 1] if back and index > 0 else sentence
            kind = "direct_quote" if self.quotes.in_quote_paragraph(target) else "indirect"
            group_holders = [h for actor in group.actors for h in actor.holders]
            members = {h.party for h in group_holders if h.kind != PARTY}
            for holder in group_holders:
                if holder.kind == PARTY:
                    alongside = bool(members) and holder.party not in members  # "Anna Holm (S) og Enhedslisten"
                    parties.append((group.start, alongside, self.candidate(target, holder, "indirect",
                                                                           self.scores.party, cue, sentence)))
                else:
                    people.append(self.candidate(target, holder, kind, self.scores.person, cue, sentence))
                    if not self.after.authored(group, sentence):  # an author ("X's plan") speaks in no clause
                        speakers_at.append(group.start)
        if people:
            people += self.together_with(sentence, groups, people[0].extra["cue"])
        return people + [c for start, alongside, c in parties if alongside or c.extra["cue"] in self.words["debate"]
                         or self.own_clause(start, speakers_at)]

    def group_cue(self, group: Group, sentence: Span) -> tuple[str, bool] | None:
        """(cue, refers to the sentence before) when the group holds a position, else None."""
        after = (self.after.cue_after(group, sentence) or self.before.side_of(group, sentence)
                 or self.before.debate_side(group, sentence) or self.acts.act_after(group, sentence))
        return (after, False) if after else self.before.cue_before(group, sentence)

    def own_clause(self, start: int, others: list[int]) -> bool:
        """True when a contrast word ("mens", "hvorimod") stands between token start and each of others, or
        the other speaker comes later as the subject of an "at" clause ("partierne mener, at ministeren har
        fastslået ...")."""
        doc, contrast = self.article.doc, self.words["contrast"]
        for other in others:
            low, high = sorted((start, other))
            subordinate = other > start and doc[other - 1].lower_ == "at"
            if not (subordinate or any(t.lower_ in contrast for t in doc[low:high])):
                return False
        return True

    def together_with(self, sentence: Span, groups: list[Group], cue: str) -> list[StatementCandidate]:
        """People who act "sammen med" the subject of a sentence (of its `groups`) share its position."""
        found = []
        for group in groups:
            words = [self.article.lower(j) for j in range(max(sentence.start, group.start - 2), group.start)]
            if words in self.together:
                found += [self.candidate(sentence, h, "indirect", self.scores.together, cue)
                          for actor in group.actors for h in actor.holders if h.kind == SPEAKER]
        return found
