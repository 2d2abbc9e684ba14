"""Stance of each statement toward its issue (spaCy component "tracker_stance").

Reads the cue words in ``data/stance_cues.toml`` and the issue's own for/against phrases from the
issue catalogue, and sets ``StatementCandidate.stance`` to "for", "against" or "neutral".

Within one statement (``reading``, ``chain``, ``frames``, ``before``):
1. an explicit neutral phrase ("har endnu ikke taget stilling", "undlod at stemme") makes it neutral;
2. else the first strong cue decides: the first from the speaker's own name on, when the name is in
   the evidence; the first after the last "men"; not one aimed at an actor ("kritik af regeringen", but
   "kritik af Venstres forslag" aims at the proposal) unless nothing else is said and it backs the actor or
   not ("vil ikke støtte X som statsminister"); not a negated fact ("har endnu ikke indført") nor
   another actor's act in a clause of its own ("..., at DF træder ud af aftalen") unless a cue governs it;
   issue phrases beat double negatives and strong cues (longest match first), and general cues are not read
   inside the words that name the issue ("EU-forbeholdet", "asylstop"); acts count as cues (making or
   backing an agreement, voting, recommending a yes or a no, leaving negotiations);
3. a negation next to a cue turns it around ("støtter ikke", "mener ikke, at vi skal ..."), an against
   word aimed at a problem is support ("stoppe kriminaliteten"), a cue that governs the next cue through
   "at"/"om"/"for"/"over"/"i"/"på" multiplies with it ("imod at afskaffe efterlønnen" = for keeping it), and so
   does an evaluative predicate with the cue of its subject ("en afskaffelse af topskatten er uansvarlig");
   what follows "i stedet for" is put aside (the issue itself there: against);
4. weak cues (modal verbs: "skal ikke") count only when there is no strong cue; no cue at all = "for";
5. where the speaker stands: the author of a proposal ("kritiserer SF's forslag om X") holds what the
   proposal's own words say (else for); after "med undtagelse af" the opposite of the sentence (or the
   speaker's own relative clause); after "fra"/"af"/"med" a reaction, to the position stated before it in
   the sentence ("Forslaget om at droppe X møder modstand fra EL": for), else (6); a statement that only
   points back ("Sådan lyder det fra X.") takes the stance of the quote before it.
Across the article (``article``):
6. "Det møder kritik fra X" (X named after fra/af/med), and a statement that names the proposal by a bare
   reference ("SF kalder forslaget tåbeligt"), is X's reaction to the position stated just before on the same
   issue (one that is no reaction itself): criticism = the opposite stance, support = the same;
7. a speaker has one stance per issue per article: the majority of their statements with a strong cue
   (ties: the earliest), unless a statement says they changed their mind ("har skiftet holdning");
8. a party row without a cue of its own takes the majority stance of the party's named members.
The stance is read toward what the statement says and turned around when the issue stage put it on an issue
phrased from the other end (``polarity``: ``extra["issue_reversed"]``, a reverse trigger such as
"skattestigninger" for "Lavere skatter", ``restate()``). A statement on a catch-all is read with its policy
object's phrase (tracker_objects): its words are no cues, a raising word reads for and a lowering one against.
The cues used are kept in ``extra["stance_cues"]``.

Rooms: ``cues`` (the cue lists and issue phrases, compiled), ``reading``, ``chain``, ``frames``, ``before``
(steps 1-5, one statement), ``article`` (steps 6-8, across the article), ``polarity`` (the issue's direction);
the component is here.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp.component import StoredState
from tracker.nlp.issues import Issue, load_catalogue
from tracker.nlp.lexicon import doc_forms
from tracker.nlp.model import PARTY, SPEAKER
from tracker.nlp.positions import mention_tokens, statement_span, token_range
from tracker.nlp.stance.article import ArticleStances, Positions
from tracker.nlp.stance.cues import AGAINST, FOR, NEUTRAL, Cue, CueBook, IssuePhrases, read_cues
from tracker.nlp.stance.before import PointsBack
from tracker.nlp.stance.frames import AGENT, EXCEPTION, Frame, FrameReader
from tracker.nlp.stance.polarity import opposite, reading_issue, record, restate
from tracker.nlp.stance.reading import Offsets, StatementReader

__all__ = ["AGAINST", "FOR", "NEUTRAL", "ArticleStances", "Cue", "CueBook", "Frame", "FrameReader", "IssuePhrases",
           "MentionsByStart", "Offsets", "Positions", "StanceTagger", "StatementReader", "make_stance_tagger",
           "opposite", "restate"]


# How often the stance is right (of statements whose speaker and party are right), (right + 1) / (rows + 2),
# measured with scripts/calibrate_confidence.py on the tuning set the rules were written on: decided by a
# strong cue 187/223, by a weak cue or none 50/68. The final stage keeps the statement with the higher one.
STRONG_SCORE, WEAK_SCORE = 0.84, 0.73
OBJECT_PREFIX = "object:"  # the slugs of policy objects' own issues (tracker_objects), kept per article only


class StanceTagger(StoredState):
    """Sets ``stance`` (and ``confidence``) on every statement of the doc. The cue lists and the issue
    catalogue (its for/against phrases) come from ``initialize(cues=..., issues=...)`` (default:
    ``data/stance_cues.toml`` and ``load_catalogue()``); given here, the other one is the bundled one."""

    def __init__(self, cues: dict | None = None, issues: list[Issue] | None = None, strong_score: float = STRONG_SCORE,
                 weak_score: float = WEAK_SCORE):
        self.strong_score, self.weak_score = strong_score, weak_score
        self.article = ArticleStances()
        if cues is not None or issues is not None:
            self.initialize(cues=cues, issues=issues)

    def initialize(self, get_examples=None, *, nlp=None, cues: dict | None = None, issues: list | None = None) -> None:
        """``cues``: a parsed stance_cues.toml; ``issues``: catalogue rows (``Issue.to_dict``) or Issues."""
        self.load_state({"cues": read_cues() if cues is None else cues,
                         "issues": [Issue.from_dict(i).to_dict() for i in (load_catalogue() if issues is None
                                                                           else issues)]})

    def state(self) -> dict:
        return {"cues": self.raw_cues, "issues": [i.to_dict() for slug, i in self.issues.items()
                                                  if not slug.startswith(OBJECT_PREFIX)]}

    def load_state(self, data: dict) -> None:
        self.raw_cues = data["cues"]
        self.cues = CueBook.from_dict(self.raw_cues)
        self.issues = {issue.slug: issue for issue in map(Issue.from_dict, data["issues"])}
        self._phrases: dict[str | None, IssuePhrases] = {}
        self.reader = StatementReader(self.cues, self.phrases)
        self.frames = FrameReader(self.cues)
        self.points_back = PointsBack(self.cues.back_reference)
        self.article = ArticleStances(self.cues.act_weight, self.cues.additive)
        self.initialized = True

    def use_catalogue(self, issues: list[Issue]) -> None:
        """Read the for/against phrases of these issues (the catalogue the issue component looks for)."""
        self.issues = {issue.slug: issue for issue in issues}
        self._phrases = {}

    def issue_slug(self, st) -> str | None:
        """The issue whose phrases a statement is read with: ``reading_issue`` (its own, or when it names the
        issue from the other end ``extra["issue_said"]``, none = the general cues; ``polarity``), or on a
        catch-all its policy object's (``extra["object_issue"]``, from tracker_objects)."""
        issue = st.extra.get("object_issue")
        if issue is None or st.extra.get("issue_reversed"):
            return reading_issue(st)
        issue = Issue.from_dict(issue)  # a plain record on the Doc (Issue.to_dict)
        if issue.slug not in self.issues:
            if len(self._phrases) > 50_000:  # objects are per article: keep memory flat
                self._phrases = {}
                self.issues = {slug: i for slug, i in self.issues.items() if not slug.startswith(OBJECT_PREFIX)}
            self.issues[issue.slug] = issue
        return issue.slug

    def phrases(self, slug: str | None) -> IssuePhrases:
        if slug not in self._phrases:
            self._phrases[slug] = IssuePhrases(self.issues.get(slug or ""))
        return self._phrases[slug]

    def __call__(self, doc: Doc) -> Doc:
        self.check_initialized()
        statements = doc._.statements or []
        forms = doc_forms(doc) if statements else None
        named = self.named_in_doc(doc) if statements else set()
        mentions = MentionsByStart(doc._.mentions or [])
        read: dict[tuple[int, int], tuple] = {}  # span -> its words and general cues (speakers share sentences)
        for st in statements:
            span = statement_span(doc, st.start_char, st.end_char)
            focus = self.speaker_position(doc, span, st, mentions)
            names = Offsets(named, span.start, self.own_party(doc, span, st, mentions))
            if (span.start, span.end) not in read:
                read[span.start, span.end] = (forms.lower(span.start, span.end),
                                              self.cues.general.find_in(doc, span.start, span.end))
            texts, general = read[span.start, span.end]
            slug = self.issue_slug(st)
            stance, cues, strong, agent = self.read(span, texts, slug, focus, names, general)
            if agent or not strong:
                before = self.points_back.words_before(doc, span)
                if before is not None:  # "Sådan lyder det fra X": X is the quote's speaker, not a reaction
                    agent = False
                    if not strong:
                        stance, cues, strong = self.read_before(doc, before, forms, named, slug, (stance, cues))
                        if strong and self.ends_negated(texts):  # "Det mener Venstre ikke."
                            stance, cues = opposite(stance), cues + ["[ikke]"]
            if strong and cues and tuple(cues[0].split()) in self.cues.bare_answers:
                stance, cues = self.answer_to_question(doc, span, forms, named, slug, stance, cues)
            elif strong and self.on_proposal(st):
                stance, cues = self.answer_to_proposal(doc, st.extra["proposal_at"][:2], forms, named, slug, stance,
                                                       cues)
            record(st, stance)
            st.add_score("stance", self.strong_score if strong else self.weak_score)
            st.extra["stance_cues"] = cues
            st.extra["stance_strong"] = strong
            st.extra["stance_named"] = focus is not None
            st.extra["stance_change"] = bool(general["change"])
            bare = len([c for c in cues if not c.startswith("[")]) == 1
            if strong and st.stance != NEUTRAL and bare and (agent or self.answers(texts, focus, names)):
                # a bare reaction ("Det møder kritik fra X", "Det afviser X"); a chain says what X reacts to
                # ("... for at nøle")
                st.extra["stance_reaction"] = True
        self.article.resolve_reactions(statements)
        self.article.align_repeats(statements)
        self.article.follow_members(statements)
        doc._.statements = statements
        return doc

    def read(self, span, texts, slug, focus, names, general) -> tuple[str, list[str], bool, bool]:
        """(stance, cues, strong, agent?) of one statement, from where its speaker stands (``frames``). An
        agent ("kritik fra X", "kolliderer med X, som kræver ...") is read from the first cue on and answers
        the position before it. An excepted speaker ("alle med undtagelse af LA") takes its own relative
        clause ("..., der trak sig fra forhandlingerne"), else the opposite of the rest of the sentence
        ("alle med undtagelse af LA stemte for": against)."""
        answer = self.reader.bare_answer(texts, focus)
        if answer:  # "Nej, siger LA.", "Nej, lyder det fra LA."
            return *answer, False
        frame = self.frames.frame(texts, focus, names)
        marker = frame.marker if frame else None
        if marker == EXCEPTION:
            if frame.clause:
                stance, cues, strong = self.own_clause(span, texts, slug, names, general, frame)
                if strong:
                    return stance, cues, strong, False
            hide = (frame.start, frame.clause[1] if frame.clause else frame.end)
            stance, cues, strong = self.reader.stance_of(span, texts, slug, None, names, general, hide=hide)
            return opposite(stance), cues + ["[undtagelse]"], strong, False
        proposal = self.frames.authored(texts, frame) if frame and marker is None else None
        if proposal:  # the author of a proposal holds what it proposes, whatever is said about it
            stance, cues, strong = self.reader.stance_of(span, texts, slug, None, names, general, within=proposal)
            return (stance, cues, True, False) if strong else (FOR, ["[forslag]"], False, False)
        answered = self.answers_clause_before(span, texts, slug, focus, names, general)
        if answered:
            return *answered, True, False
        agent = marker == AGENT
        within = None
        if agent:
            reacted = self.reader.reaction_to_before(span, texts, slug, names, general, frame.start - 1)
            if reacted:
                return *reacted, True, False
            within = (0, self.reader.chain.clause_break_after(texts, frame.end))  # not ", mens V er imod"
        else:
            within = self.reader.chain.fronted_contrast(texts, focus, names) \
                or self.reader.chain.others_clause_after(texts, focus, names)  # "Mens SF er for, er V imod"
        stance, cues, strong = self.reader.stance_of(span, texts, slug, None if agent else focus, names, general,
                                                     within=within, agents=range(frame.start, frame.end) if agent
                                                     else range(0))
        return stance, cues, strong, agent

    def answers_clause_before(self, span, texts, slug, focus, names, general) -> tuple[str, list[str]] | None:
        """"Venstre vil afskaffe afgiften, men det kan SF ikke acceptere": the speaker's own clause (from ", men
        det") answers the words before it; its sign times theirs (SF: for the tax). None unless both have a
        strong cue."""
        mark = self.reader.chain.answering_clause(texts, self.reader.aside.speakers_list(texts, focus, names))
        if mark is None:
            return None
        said, said_cues, strong = self.reader.stance_of(span, texts, slug, focus, names, general,
                                                        within=(mark, len(texts)))
        asked, asked_cues, asked_strong = self.reader.stance_of(span, texts, slug, None, names, general,
                                                                within=(0, mark))
        if not (strong and asked_strong) or NEUTRAL in (said, asked):
            return None
        return (FOR if (said == asked) else AGAINST), asked_cues + said_cues

    def ends_negated(self, texts: list[str]) -> bool:
        """True when the statement's last word is a negation: "Det mener Venstre ikke."."""
        words = [t for t in texts if t.isalpha()]
        return bool(words) and words[-1] in self.cues.negators

    def answers(self, texts: list[str], focus: int | None, names) -> bool:
        """True for "Det afviser X." and "Det afviser X og Y.": an answering word, one verb (and adverbs), then
        the list of names the speaker belongs to."""
        if focus is None or not texts or texts[0] not in self.cues.answers:
            return False
        return 2 <= self.frames.frame(texts, focus, names).start <= 3

    def read_words(self, doc, start, end, forms, named, slug) -> tuple[str, list[str], bool]:
        """(stance, cues, strong) of the tokens start..end read on their own: the words a statement points at."""
        general = self.cues.general.find_in(doc, start, end)
        return self.reader.stance_of(doc[start:end], forms.lower(start, end), slug, None, Offsets(named, start),
                                     general)

    def read_before(self, doc, before, forms, named, slug, own) -> tuple[str, list[str], bool]:
        """The stance of the words a back-reference points at, when they have a strong cue; else ``own``."""
        stance, cues, strong = self.read_words(doc, before.start, before.end, forms, named, slug)
        return (stance, cues + ["[ordene før]"], True) if strong else (*own, False)

    def answer_to_question(self, doc, span, forms, named, slug, stance, cues) -> tuple[str, list[str]]:
        """A bare "Nej, siger LA." after "Skal afgiften afskaffes?" is for the tax: the answer's sign times
        the stance of the question, when the question has a strong cue."""
        question = self.points_back.question_before(doc, span)
        if question is None:
            return stance, cues
        asked, asked_cues, strong = self.read_words(doc, question.start, question.end, forms, named, slug)
        if not strong or asked != AGAINST:
            return stance, cues
        return opposite(stance), cues + asked_cues + ["[spørgsmål]"]

    @staticmethod
    def on_proposal(st) -> bool:
        """True when the issue stage put the statement on the issue of a proposal before it that no statement
        holds (``extra["proposal_at"]``: its token offsets and issue), and it is still on that issue."""
        at = st.extra.get("proposal_at")
        return at is not None and st.issue is not None and at[2] == st.issue

    def answer_to_proposal(self, doc, at, forms, named, slug, stance, cues) -> tuple[str, list[str]]:
        """A reaction to a proposal no statement holds ("Trafikselskabet hæver priserne. / - Det er skidt, siger
        X" on "Billigere kollektiv trafik"): turned around when the proposal (the paragraph at the token offsets
        ``at``) goes against the issue as phrased, with a strong cue."""
        proposed, proposed_cues, strong = self.read_words(doc, *at, forms, named, slug)
        if not strong or proposed != AGAINST:
            return stance, cues
        return opposite(stance), cues + proposed_cues + ["[forslaget]"]

    def own_clause(self, span, texts, slug, names, general, frame: Frame) -> tuple[str, list[str], bool]:
        """The stance read in the speaker's own relative clause alone."""
        return self.reader.stance_of(span, texts, slug, frame.clause[0], names, general, within=frame.clause)

    def speaker_position(self, doc: Doc, span, st, mentions: "MentionsByStart | None" = None) -> int | None:
        """Token offset (within ``span``) where the statement's speaker or party is named, if it is."""
        mentions = mentions or MentionsByStart(doc._.mentions or [])
        for m in mentions.starting_in(span.start_char, span.end_char):
            if (st.speaker and m.kind == SPEAKER and m.name == st.speaker) or \
                    (not st.speaker and m.kind == PARTY and m.party == st.party):
                tokens = token_range(doc, m.start_char, m.end_char)
                return tokens[0] - span.start if tokens is not None else None
        return None

    @staticmethod
    def own_party(doc: Doc, span, st, mentions: "MentionsByStart") -> frozenset[int]:
        """The tokens of the span that name the statement's own party."""
        return frozenset(mention_tokens(doc, (m for m in mentions.starting_in(span.start_char, span.end_char)
                                              if m.kind == PARTY and m.party == st.party)))

    @staticmethod
    def named_in_doc(doc: Doc) -> set[int]:
        """Offsets (in the doc) of the tokens that name a politician or a party."""
        return mention_tokens(doc, doc._.mentions or [])


class MentionsByStart:
    """A doc's mentions, found by where they start."""

    def __init__(self, mentions):
        self.mentions = sorted(mentions, key=lambda m: m.start_char)
        self.starts = [m.start_char for m in self.mentions]

    def starting_in(self, start: int, end: int) -> list:
        return self.mentions[bisect_left(self.starts, start):bisect_left(self.starts, end)]


@Language.factory("tracker_stance", requires=["doc._.statements", "doc._.issues", "doc._.mentions", "token.lemma"],
                  assigns=["doc._.stances"], default_config={"strong_score": STRONG_SCORE, "weak_score": WEAK_SCORE})
def make_stance_tagger(nlp: Language, name: str, strong_score: float, weak_score: float) -> StanceTagger:
    return StanceTagger(strong_score=strong_score, weak_score=weak_score)
