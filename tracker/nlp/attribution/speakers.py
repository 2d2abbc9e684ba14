"""The speakers of direct quotes: a quote sentence's own attribution (", siger X"), else the speaker of a
neighbour in the same run of quote paragraphs, else the speaker around the run (an introduction ending in
":", "Det siger X" right after it, or the last speaker before it)."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

from tracker.nlp.attribution.actors import Actors
from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.cue_before import CuesBefore
from tracker.nlp.attribution.quotes import Quotes
from tracker.nlp.attribution.subjects import Subjects
from tracker.nlp.model import Mention, StatementCandidate
from tracker.nlp.ranges import Ordered
from tracker.nlp.words import is_genitive

NEAR = 600  # characters: the last speaker before a run of quotes speaks it only when this close


class QuoteSpeakers:
    """Who speaks each quote paragraph. ``spoken`` are the article's reported-speech statements, found
    before the quotes: the last speaker before an unattributed run of quotes is among them."""

    def __init__(self, article: ArticleText, quotes: Quotes, actors: Actors, subjects: Subjects,
                 before: CuesBefore, spoken: list[StatementCandidate]):
        self.article, self.quotes, self.actors, self.subjects, self.before = article, quotes, actors, subjects, before
        self.spoken = Ordered([c for c in spoken if c.speaker], key=lambda c: c.extra["at"])
        self.speakers: dict[int, Mention | None | bool] = {}  # quote_speaker() by sentence start
        self.first_named: dict[str | None, Mention] = {}
        for mention in reversed(article.mentions):
            self.first_named[mention.name] = mention

    def quote_speaker(self, sentence: Span) -> Mention | None | bool:
        """The politician of a quote sentence's attribution; False when there is none; None if not a politician."""
        if sentence.start not in self.speakers:
            self.speakers[sentence.start] = self.attribution_speaker(sentence)
        return self.speakers[sentence.start]

    def attribution_speaker(self, sentence: Span) -> Mention | None | bool:
        article, doc, words = self.article, self.article.doc, self.article.words
        verb = self.quotes.attributions.get(sentence.start)
        if verb is None:
            return False
        actors = self.actors.actors_in(sentence, verb + 1, verb + 12)
        if self.party_speaks(actors.get(verb + 1), sentence):
            return actors[verb + 1].mention  # "- ..., siger Venstre i en pressemeddelelse."
        for i in range(verb + 1, min(verb + 12, sentence.end)):
            actor = actors.get(i)
            if actor is not None and not actor.is_party:
                return actor.mention
            token = doc[i]
            if token.text[:1].isupper() and token.lower_ not in words["expletives"] \
                    and not words.is_role_word(token.text) and not article.party_token(token):
                return None  # a named speaker who is not a politician
        return False  # no speaker named (", lyder det."): the speaker is the one before

    def party_speaks(self, actor, sentence: Span) -> bool:
        """True for a party named right after the verb of a quote's attribution and speaking itself: the
        sentence ends after it, or a place or channel follows ("siger Venstre i en pressemeddelelse",
        "skriver SF på Facebook"); not "siger Venstres formand ..."."""
        if actor is None or not actor.is_party or is_genitive(self.article.doc[actor.end - 1].text):
            return False
        after = self.article.doc[actor.end] if actor.end < sentence.end else None
        if after is None or (after.is_punct and after.text != ","):
            return True
        return after.lower_ in self.article.words["channel_prepositions"]

    def paragraph_speakers(self) -> dict[tuple[int, int], Mention | None]:
        """Speaker of every quote paragraph: its own attribution, else a neighbour's in the same run."""
        own = {}
        for paragraph in self.quotes.paragraphs:
            found = False
            for sentence in self.article.sentences_of(paragraph):
                speaker = self.quote_speaker(sentence)
                if speaker is not False:
                    found = speaker
            own[paragraph] = found
        speakers = {}
        for run in self.quotes.runs():
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
        article = self.article
        k = article.sentences_ending_count(run[0][0])
        if not k or not article.text[article.sentences[k - 1].start_char:article.sentences[k - 1].end_char] \
                .rstrip().endswith(":"):
            return False
        sentence = article.sentences[k - 1]
        verbs = [t.i for t in sentence if article.words.has(t, "speech")]
        if not verbs:
            return False
        actors = self.actors.actors_in(sentence)
        people = [a for i, a in sorted(actors.items()) if not a.is_party]
        nearest = min(people, key=lambda a: abs(a.start - verbs[-1]), default=None)
        return nearest.mention if nearest is not None else None

    def speaker_around(self, run) -> Mention | None:
        """For a run of quotes with no attribution: the speaker of an introduction ending in ":",
        "Det siger X" right after, else the last speaker before."""
        intro = self.intro_speaker(run)
        if intro is not False:
            return intro
        article = self.article
        k = bisect_left(article.sentence_chars, run[-1][1])
        for sentence in article.sentences[k:k + 1]:  # the sentence right after the run
            actors = self.actors.actors_in(sentence)
            for group in self.subjects.groups_in(sentence, actors):
                cue = self.before.cue_before(group, sentence)
                if cue and cue[1]:
                    return next((a.mention for a in group.actors if not a.is_party), None)
        last = self.spoken.last_before(run[0][0])
        if last is not None and run[0][0] - last.extra["at"] < NEAR:
            return self.first_named.get(last.speaker)
        return None
