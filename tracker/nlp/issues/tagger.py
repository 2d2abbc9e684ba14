"""The issue component (spaCy factory ``tracker_issues``): the issue of each statement, and one statement
more per further proposal a statement lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from tracker.datafiles import read_toml
from tracker.cap import CapTopic, load_cap_topics
from tracker.nlp.channels import Channels
from tracker.nlp.component import StoredState
from tracker.nlp.issues.catalogue import Issue, load_catalogue, topic_fallbacks
from tracker.nlp.issues.matcher import IssueMatcher
from tracker.nlp.issues.persons import PERSON_SCOPE, split_by_person
from tracker.nlp.lexicon import doc_forms
from tracker.nlp.positions import lead_range, lead_span, paragraph_range, statement_range, statement_span
from tracker.paths import data_file

# How much the article's own emphasis counts next to the triggers of the statement's text
# (a share between 0 and 1 of the article's strongest issue, times this weight).
CONTEXT_WEIGHT = 1.0
# How much more trigger weight a statement's own text needs for another issue than the article's main one.
STRONGER = 2.0
# ... unless that other issue is itself prominent in the article (this share of the main issue's score).
INCIDENTAL = 0.5
# How prominent (trigger occurrences, those in the lead twice) the main issue must be to take a statement
# with no trigger nearby: one mention in the lead is not enough.
MAIN_WEIGHT = 3.0
LIST_MARKS = frozenset({",", ";", ".", ":"})  # with the list conjunctions (data/function_words.toml)


def bundled_words(name: str) -> list[str]:
    """A word list of ``data/function_words.toml`` the tagger reads: ``list_conjunctions`` ("og", "samt"),
    ``conditions`` and ``consequence`` ("hvis ..., så ..."), ``proposal_references`` ("Forslaget møder kritik"),
    ``pronoun_references`` ("Det er ikke en dårlig idé"), ``proposal_nouns`` and ``proposal_bound_by``
    ("regeringens forslag", but "forslaget om X")."""
    return list(read_toml(data_file("function_words.toml"))[name])


def list_items(span: Span, separators: frozenset[str]) -> list[tuple[str, int, int]]:
    """(separator before it, start, end token of the part) for the parts of a sentence between list
    separators (the list conjunctions, "," and sentence ends); the first part has separator "". A word
    joined to itself ("mere og mere", "flere og flere") is no list."""
    lower = doc_forms(span.doc).lower(span.start, span.end)
    items, start, before = [], span.start, ""
    for k, (i, word) in enumerate(enumerate(lower, span.start)):
        if word in separators and not (0 < k < len(lower) - 1 and lower[k - 1] == lower[k + 1] and word.isalpha()):
            if i > start:
                items.append((before, start, i))
            start, before = i + 1, word
    if start < span.end:
        items.append((before, start, span.end))
    return items


def narrower_issues(issues: list[Issue]) -> dict[int, list[int]]:
    """Issue -> the issues that are narrower questions of it: one of their triggers ends in one of its triggers,
    after words that narrow it down ("kystnær* havvind*" of "havvind*", "landbrug* co2-afgift*" of
    "co2-afgift*"). Frames are neither."""
    owner: dict[str, set[int]] = defaultdict(set)
    for i, issue in enumerate(issues):
        if not issue.frame:
            for t in issue.triggers:
                owner[t].add(i)
    narrower: dict[int, list[int]] = defaultdict(list)
    for i, issue in enumerate(issues):
        if not issue.frame:
            broader = {b for t in issue.triggers if len(t.split()) > 1 for b in owner.get(t.split()[-1], ())}
            for b in sorted(broader - {i}):
                narrower[b].append(i)
    return dict(narrower)


def prominent(main: int | None, weight: dict[int, float]) -> bool:
    """True when the article has a main issue prominent enough (``MAIN_WEIGHT``) to speak for its statements."""
    return main is not None and weight.get(main, 0.0) >= MAIN_WEIGHT


def best_issue(local: dict[int, float], context: dict[int, float], context_weight: float = CONTEXT_WEIGHT,
               frames: frozenset[int] = frozenset()) -> int | None:
    """The issue with the best local score plus its share of the article's emphasis; a frame issue only
    when no other issue is there."""
    if not local:
        return None
    if frames and not set(local) <= frames:
        local = {i: score for i, score in local.items() if i not in frames}
    top = max(context.values(), default=0.0) or 1.0
    return max(local, key=lambda i: (local[i] + context_weight * context.get(i, 0.0) / top, context.get(i, 0.0), -i))


class IssueTagger(StoredState):
    """Sets ``issue`` and ``issue_label`` (and aligns ``cap_topic``) on every statement of the doc. The
    catalogue, the CAP topics (for the catch-all issues), the list conjunctions and the words of a condition
    come from ``initialize()`` (default: ``load_catalogue()``, ``data/cap_topics.csv``,
    ``data/function_words.toml``), or ``issues`` here."""

    def __init__(self, issues: list[Issue] | None = None, list_conjunctions: list[str] | None = None,
                 context_weight: float = CONTEXT_WEIGHT, stronger: float = STRONGER, incidental: float = INCIDENTAL,
                 conditions: list[str] | None = None, consequence: list[str] | None = None):
        self.context_weight, self.stronger, self.incidental = context_weight, stronger, incidental
        if issues is not None:
            self.initialize(issues=issues, list_conjunctions=list_conjunctions, conditions=conditions,
                            consequence=consequence)

    def initialize(self, get_examples=None, *, nlp=None, issues: list | None = None, cap_topics: list | None = None,
                   list_conjunctions: list[str] | None = None, conditions: list[str] | None = None,
                   consequence: list[str] | None = None) -> None:
        """``issues``: catalogue rows as dicts (``Issue.to_dict``) or Issues; ``cap_topics``: {code, name, label_da};
        ``conditions``/``consequence``: the words of "Hvis ..., så ..." (default: data/function_words.toml)."""
        self.load_state({
            "issues": [Issue.from_dict(i).to_dict() for i in (load_catalogue() if issues is None else issues)],
            "cap_topics": [vars(t) for t in load_cap_topics()] if cap_topics is None else list(cap_topics),
            "list_conjunctions": bundled_words("list_conjunctions") if list_conjunctions is None
            else list(list_conjunctions),
            "conditions": list(conditions) if conditions is not None else bundled_words("conditions"),
            "consequence": list(consequence) if consequence is not None else bundled_words("consequence"),
            **{name: bundled_words(name) for name in ("proposal_references", "pronoun_references", "proposal_nouns",
                                                      "proposal_bound_by")},
            "channels": Channels.bundled().to_dict()})

    def state(self) -> dict:
        return {"issues": [i.to_dict() for i in self.issues], "cap_topics": self.cap_topics,
                "list_conjunctions": sorted(self.conjunctions), "conditions": sorted(self.conditions),
                "consequence": sorted(self.consequence), "proposal_references": sorted(self.references),
                "pronoun_references": sorted(self.pronouns),
                "proposal_nouns": sorted(self.proposal_nouns), "proposal_bound_by": sorted(self.bound_by),
                "channels": self.channels.to_dict()}

    def load_state(self, data: dict) -> None:
        self.cap_topics = [dict(t) for t in data["cap_topics"]]
        self.conjunctions = frozenset(data["list_conjunctions"])
        self.conditions, self.consequence = frozenset(data["conditions"]), frozenset(data["consequence"])
        self.separators = LIST_MARKS | self.conjunctions
        def kept(name: str) -> frozenset[str]:  # a pipeline saved before the list was kept: the bundled one
            return frozenset(data.get(name) or bundled_words(name))

        self.references, self.pronouns = kept("proposal_references"), kept("pronoun_references")
        self.proposal_nouns, self.bound_by = kept("proposal_nouns"), kept("proposal_bound_by")
        self.channels = Channels.from_dict(data.get("channels"))
        self.use_catalogue([Issue.from_dict(i) for i in data["issues"]])
        self.fallbacks = topic_fallbacks(CapTopic(**t) for t in self.cap_topics)
        self.initialized = True

    def use_catalogue(self, issues: list[Issue]) -> None:
        """Look for these issues instead (the bundled catalogue or not, with the user catalogue)."""
        self.issues = list(issues)
        self.matcher = IssueMatcher(self.issues, self.channels)
        self.frames = frozenset(i for i, issue in enumerate(self.issues) if issue.frame)
        self.narrower = narrower_issues(self.issues)
        self.position = {id(issue): i for i, issue in enumerate(self.issues)}  # issue -> its index
        self.per_person = {issue.slug: (i, issue) for i, issue in enumerate(self.issues) if issue.scope == PERSON_SCOPE}

    def __call__(self, doc: Doc) -> Doc:
        self.check_initialized()
        statements = doc._.statements or []
        if not statements:
            return doc
        context = self.article_scores(doc)
        weight = self.prominence(doc)
        main = self.main_issue(doc, weight)
        result, chosen, before = [], [], None
        for st in statements:
            issue, from_text = self.issue_for(doc, st.start_char, st.end_char, st.cap_topic, context,
                                              (main, weight))
            if from_text and self.refers_to_main(doc, st, issue, main, weight):
                issue = self.issues[main]
            reference = self.bare_reference(doc, st)
            if reference:  # a reaction to the proposal, no position a later reaction answers (stance.article)
                st.extra["proposal_reference"] = True
            if from_text:
                before = issue
            elif reference or self.points_back(doc, st) or self.opens_with(doc, st, self.pronouns):
                # "Forslaget møder kritik fra X", "Det er ikke en god idé": what was named before
                issue = before or self.proposal_before(doc, st, context) or issue
            if issue is not None:
                self.assign(st, issue, from_text, doc._.date)
                if from_text and self.reversed(doc, st, issue):
                    st.extra["issue_reversed"] = True  # the stance contract (tracker.nlp.stance.polarity)
            result.append(st)
            chosen.append((st, issue, from_text))
            for other in self.listed_issues(doc, st, issue, context):
                copy = replace(st, extra={**st.extra, "listed_with": st.issue}, scores=dict(st.scores))
                copy.extra.pop("issue_reversed", None)
                copy.extra.pop("issue_said", None)
                self.assign(copy, other, True, doc._.date)
                result.append(copy)
        self.narrow_down(chosen, weight, doc._.date)
        split_by_person(doc, result, self.per_person, self.matcher)
        doc._.statements = result
        return doc

    def narrow_down(self, chosen: list, weight: dict[int, float], day) -> None:
        """One debate, one issue: where the article names a narrower question of an issue (one of its triggers
        holds a trigger of the broader one as a word: "kystnære havvindmøller" of "havvindmøller") at least
        as often, its statements on the broader issue are on the narrower one."""
        found = {self.position[id(issue)] for _, issue, from_text in chosen if issue is not None and from_text}
        for st, issue, from_text in chosen:
            broad = self.position.get(id(issue)) if issue is not None else None
            narrow = [i for i in self.narrower.get(broad, ()) if i in found
                      and weight.get(i, 0.0) >= weight.get(broad, 0.0)]
            if narrow:
                best = max(narrow, key=lambda i: (weight.get(i, 0.0), -i))
                st.extra.pop("issue_reversed", None)
                self.assign(st, self.issues[best], from_text, day)

    def points_back(self, doc: Doc, st) -> bool:
        """True when the statement opens with a noun for the proposal before it ("Forslaget", "Planen"), after
        at most one other word ("Men planen ...")."""
        return self.opens_with(doc, st, self.references)

    @staticmethod
    def opens_with(doc: Doc, st, words: frozenset[str]) -> bool:
        """True when one of ``words`` is among the statement's first two words ("Forslaget ...", "Og det ...")."""
        first, last = statement_range(doc, st.start_char, st.end_char)
        opening = [w for w in doc_forms(doc).lower(first, min(last, first + 3)) if w.isalpha()]
        return bool(words.intersection(opening[:2]))

    def proposal_before(self, doc: Doc, st, context: dict[int, float]) -> Issue | None:
        """The issue named in the paragraph before the statement's (a proposal no statement holds: "Regeringen vil
        indføre en sukkerafgift."), when its triggers name one; that paragraph's token offsets are kept as
        ``extra["proposal_at"]`` with the issue's slug (the stance stage reads which way the proposal goes)."""
        first, _ = paragraph_range(doc, st.start_char)
        earlier = paragraph_range(doc, doc[first - 1].idx) if first > 0 else None
        if earlier is None or earlier[0] >= first:
            return None
        choice = best_issue(self.matcher.scores_at(doc, earlier[0], first), context, self.context_weight, self.frames)
        if choice is None:
            return None
        st.extra["proposal_at"] = [earlier[0], first, self.issues[choice].slug]
        return self.issues[choice]

    def refers_to_main(self, doc: Doc, st, issue: Issue | None, main: int | None, weight: dict) -> bool:
        """True when the statement speaks of the proposal by a bare reference ("kalder regeringens forslag et
        angreb på X", "mener, at forslaget vil ramme Y") while its own triggers point elsewhere: the debate's
        main issue, when that is prominent, is what the reference names."""
        if issue is None or self.position.get(id(issue)) == main or not prominent(main, weight):
            return False
        return self.bare_reference(doc, st)

    def bare_reference(self, doc: Doc, st) -> bool:
        """True when the statement names a proposal by a bare reference ("forslaget", "regeringens plan"; not
        "forslaget om X")."""
        first, last = statement_range(doc, st.start_char, st.end_char)
        words = doc_forms(doc).lower(first, last)
        for k, word in enumerate(words):
            after = words[k + 1] if k + 1 < len(words) else ""
            if after in self.bound_by:
                continue
            if word in self.references:
                return True
            if word in self.proposal_nouns and k and words[k - 1].endswith("s") and len(words[k - 1]) > 3:
                return True
        return False

    @staticmethod
    def assign(st, issue: Issue, from_text: bool, day=None) -> None:
        """The statement is on ``issue`` and in its CAP topic (a frame's only when chosen from the statement's
        own triggers); a yearly issue in its article's year ("finanslov-2024")."""
        st.issue, st.issue_label = issue.slug, issue.label
        if issue.scope == "yearly" and day is not None:
            st.issue, st.issue_label = f"{issue.slug}-{day.year}", f"{issue.label} {day.year}"
        if (from_text or not issue.frame) and issue.cap_topic:
            st.cap_topic = issue.cap_topic

    def reversed(self, doc: Doc, st, issue: Issue) -> bool:
        """True when the statement (else its paragraph) names its issue only by reverse triggers: it is
        read the other way round ("imod skattestigninger" is for "Lavere skatter")."""
        i = self.position[id(issue)]
        for first, last in (statement_range(doc, st.start_char, st.end_char), paragraph_range(doc, st.start_char)):
            if i in self.matcher.scores_at(doc, first, last):
                return self.matcher.reversed_at(doc, first, last, i)
        return False

    def listed_issues(self, doc: Doc, st, chosen: Issue | None, context: dict[int, float]) -> list[Issue]:
        """Further issues when the evidence lists several proposals ("udflytte 10.000 statslige
        arbejdspladser, en milliard kroner til ældreplejen og et hævet kørselsfradrag"): list items with
        triggers of their own issue give one more statement each. A list needs a joining "og"/"samt"/
        "eller" between those items (commas alone may just separate clauses). A frame is no proposal."""
        span = statement_span(doc, st.start_char, st.end_char)
        items = list_items(span, self.separators)
        found, places = [], []
        for place, (_, start, end) in enumerate(items):
            choice = best_issue(self.matcher.scores_at(doc, start, end), context, self.context_weight, self.frames)
            if choice is not None and choice not in self.frames and self.issues[choice] not in found:
                found.append(self.issues[choice])
                places.append(place)
        if len(found) < 2 or chosen not in found:
            return []
        separators = {items[place][0] for place in range(places[0] + 1, places[-1] + 1)}
        if not separators & self.conjunctions:
            return []
        return [issue for issue in found if issue != chosen]

    def article_scores(self, doc: Doc) -> dict[int, float]:
        """Issue scores of the whole article, with the headline/lead counted twice."""
        total = defaultdict(float, self.matcher.scores_at(doc, 0, len(doc)))
        for i, score in self.matcher.scores_at(doc, *lead_range(doc)).items():
            total[i] += score
        return dict(total)

    def prominence(self, doc: Doc) -> dict[int, float]:
        """Issue -> trigger occurrences in the article, those in the headline/lead counted twice."""
        total = defaultdict(float, self.matcher.occurrences(doc))
        for i, count in self.matcher.occurrences(lead_span(doc)).items():
            total[i] += count
        return dict(total)

    def main_issue(self, doc: Doc, weight: dict[int, float]) -> int | None:
        """The issue the article is about: of the lead's issues the most prominent in the article, else
        the article's issue when it occurs at least twice as often as the next one."""
        lead = {i: s for i, s in self.matcher.scores_at(doc, *lead_range(doc)).items() if i not in self.frames}
        if lead:
            return max(lead, key=lambda i: (weight.get(i, 0.0), lead[i], -i))
        weight = {i: w for i, w in weight.items() if i not in self.frames}
        ranked = sorted(weight.values(), reverse=True)
        if ranked and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1]):
            return max(weight, key=lambda i: (weight[i], -i))
        return None

    def ranges(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """Where to look for triggers: the statement, then its paragraph. A statement that opens with a
        condition ("Hvis der kommer en afgift på landbruget, så skal han træde ud af aftalen") is looked at
        from its consequence on ("så", else the first comma after the condition), and its paragraph not."""
        first, last = statement_range(doc, start, end)
        lower = doc_forms(doc).lower(first, min(last, first + 3))
        opening = next((k for k, word in enumerate(lower) if word in self.conditions), None)
        if opening is None:
            return [(first, last), paragraph_range(doc, start)]
        words = doc_forms(doc).lower(first, last)
        commas = [k for k, word in enumerate(words) if word == "," and k > opening]
        then = [k + 1 for k in commas if k + 1 < len(words) and words[k + 1] in self.consequence]
        cut = (then or [k + 1 for k in commas] or [0])[0]
        return [(first + cut, last)]

    def issue_for(self, doc: Doc, start: int, end: int, cap_topic: str | None,
                  context: dict[int, float], main: tuple[int | None, dict] = (None, {})
                  ) -> tuple[Issue | None, bool]:
        """(issue, chosen from nearby triggers?) for the statement at start..end; ``main`` is the
        article's main issue and the issues' prominence."""
        main, weight = main
        for level, (first, last) in enumerate(self.ranges(doc, start, end)):
            local = self.matcher.scores_at(doc, first, last)
            choice = best_issue(local, context, self.context_weight, self.frames)
            if choice is not None:
                if level == 0 and main is not None and local[choice] < local.get(main, 0.0) + self.stronger \
                        and weight.get(choice, 0.0) < self.incidental * weight.get(main, 0.0):
                    choice = main
                if choice in self.frames and prominent(main, weight):
                    choice = main  # the occasion ("til finansloven") of the article's question
                return self.issues[choice], True
        if prominent(main, weight):
            return self.issues[main], False
        in_topic = {i: s for i, s in context.items()
                    if cap_topic is None or self.issues[i].cap_topic == cap_topic}
        if in_topic:
            return self.issues[max(in_topic, key=lambda i: (in_topic[i], -i))], False
        return self.fallbacks.get(cap_topic or ""), False


@Language.factory("tracker_issues",
                  requires=["doc._.statements", "doc._.cap_topics", "doc._.paragraphs", "token.lemma"],
                  assigns=["doc._.issues", "doc._.cap_topics", "doc._.statements"],
                  default_config={"context_weight": CONTEXT_WEIGHT, "stronger": STRONGER, "incidental": INCIDENTAL})
def make_issue_tagger(nlp: Language, name: str, context_weight: float, stronger: float, incidental: float
                      ) -> IssueTagger:
    return IssueTagger(None, context_weight=context_weight, stronger=stronger, incidental=incidental)
