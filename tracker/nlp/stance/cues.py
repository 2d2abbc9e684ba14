"""The stance cues: the general cue lists of ``data/stance_cues.toml`` (for/against, strong/weak, neutral,
double negatives, negation, the structure words) and each issue's own for/against phrases, compiled."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.datafiles import read_toml
from tracker.nlp.issues import Issue
from tracker.nlp.lexicon import TermGroups, TermIndex
from tracker.paths import data_file

FOR, AGAINST, NEUTRAL = "for", "against", "neutral"
ACT = "[handling]"  # marks, among a statement's cues, that an act decided its stance
PUNCT = {",", ".", ";", ":", "!", "?", "-", "–", "»", "«", '"'}
SENTENCE_PUNCT = {".", ";", ":", "!", "?"}


@dataclass(frozen=True)
class Cue:
    """A cue found in a statement: where it is, which way it points, how strong it is."""

    start: int
    end: int
    tokens: tuple[int, ...]
    sign: int  # +1 for, -1 against
    weak: bool
    text: str
    negated: bool = False
    leads: bool = True  # False: the cue counts only when an earlier cue governs it (a negated fact)
    own: bool = False  # one of the issue's own for/against phrases
    act: bool = False  # an act: a vote, an agreement, a recommendation, leaving negotiations


class WordSet:
    """Single words, each exact ("er") or a word start ("kald*": kalder, kaldte), tested on lower-case text."""

    def __init__(self, words):
        words = [w.lower() for w in words]
        self.exact = frozenset(w for w in words if not w.endswith("*"))
        self.starts = tuple(w[:-1] for w in words if w.endswith("*"))

    def fits(self, word: str) -> bool:
        return word in self.exact or word.startswith(self.starts)


def read_cues(path: Path | None = None) -> dict:
    """A parsed ``stance_cues.toml`` (the bundled one by default), with the speech verbs of attribution
    (``speech_verbs.toml``) as its ``structure.speech_tags``: one list of them for both components."""
    cfg = read_toml(path or data_file("stance_cues.toml"))
    speech = read_toml(data_file("speech_verbs.toml"))
    cfg["structure"].setdefault("speech_tags", speech["speech"])
    cfg["structure"].setdefault("sounds_from", speech["sounds_from"])  # "..., lyder det fra X": X said it
    return cfg


@dataclass
class CueBook:
    """The general cue lists of ``stance_cues.toml``, compiled."""

    strong_for: TermIndex
    strong_against: TermIndex
    weak_for: TermIndex
    weak_against: TermIndex
    neutral: TermIndex
    double_negative: TermIndex
    negators: frozenset[str]
    before: int
    after: int
    contrast: frozenset[str]
    clause_breaks: frozenset[str]
    fronted_contrasts: frozenset[str]
    nesting: frozenset[str]
    nesting_gap: int
    agent_markers: frozenset[str]
    list_words: frozenset[str]
    actors: frozenset[str]
    actor_prepositions: frozenset[str]
    raising: TermIndex
    problems: TermIndex
    change: TermIndex
    copulas: frozenset[str]
    predicate_gap: int
    relatives: frozenset[str]
    clause_relatives: frozenset[str]
    coordination: frozenset[str]
    naming: WordSet
    proposals: WordSet
    exceptions: tuple[str, ...]
    fact_adverbs: frozenset[str]
    back_reference: tuple[str, ...]
    instead: tuple[tuple[str, ...], ...]
    subordinators: frozenset[str]
    particle_verbs: frozenset[str]
    act_terms: frozenset[str]
    act_weight: int
    openness: frozenset[str]
    reservations: frozenset[str]
    particle_followers: frozenset[str]
    auxiliaries: frozenset[str]
    obligation: frozenset[str]
    own_references: frozenset[str]
    list_negators: frozenset[str]
    answers: frozenset[str]
    answering_conjunctions: frozenset[str]
    bare_answers: dict[tuple[str, ...], int]
    bare_answer_reach: int
    wanting: frozenset[str]
    transparent: frozenset[str]
    final_negation: int
    reducing_openers: frozenset[str] = frozenset()
    measures: tuple[str, ...] = ()
    additive: frozenset[str] = frozenset()  # "også", "heller": a reaction agreeing with the one before
    speech_tags: frozenset[str] = frozenset()  # the speech verbs of attribution (", siger X" closes a clause)
    denials: WordSet = WordSet(())  # "afviser, at afgiften vil skade": a denial turns the judgement it governs
    passive_auxiliaries: frozenset[str] = frozenset()  # "at afgiften bliver afskaffet": done to the issue's thing
    sounds_from: tuple[tuple[str, ...], ...] = ()  # "lyder det (fra)": a speech tag, no agent of a reaction
    clefts: tuple[tuple[str, ...], ...] = ()  # "Det er ikke noget, vi vil være med til": the clause is negated
    cleft_exceptions: frozenset[str] = frozenset()  # "Det er ikke kun SF, der ...": no negated cleft

    def __post_init__(self):
        # The lists read on every statement, searched in one pass.
        self.general = TermGroups({"neutral": self.neutral, "change": self.change,
                                   "double_negative": self.double_negative,
                                   "strong_for": self.strong_for, "strong_against": self.strong_against,
                                   "weak_for": self.weak_for, "weak_against": self.weak_against})

    def negation_closes(self, texts: list[str], i: int) -> bool:
        """True when offset i is a negation that ends its clause: "..., men det vil Venstre ikke."."""
        return i < len(texts) and texts[i] in self.negators and (i + 1 == len(texts) or texts[i + 1] in PUNCT)

    @classmethod
    def load(cls, path: Path | None = None) -> "CueBook":
        return cls.from_dict(read_cues(path))

    @classmethod
    def from_dict(cls, cfg: dict) -> "CueBook":
        """The cue book of a parsed ``stance_cues.toml``: every list and number of it is needed (a missing
        one is a KeyError naming it); nothing has a default of its own here."""
        neg, structure = cfg["negation"], cfg["structure"]
        return cls(
            strong_for=TermIndex(cfg["for"]["strong"] + cfg["for"]["acts"]),
            strong_against=TermIndex(cfg["against"]["strong"] + cfg["against"]["acts"]),
            weak_for=TermIndex(cfg["for"]["weak"]),
            weak_against=TermIndex(cfg["against"]["weak"]),
            neutral=TermIndex(cfg["neutral"]["phrases"]),
            double_negative=TermIndex(cfg["double_negative"]["phrases"]),
            negators=frozenset(w.lower() for w in neg["words"]),
            before=int(neg["before"]),
            after=int(neg["after"]),
            contrast=frozenset(structure["contrast"]),
            clause_breaks=frozenset(structure["clause_breaks"]),
            fronted_contrasts=frozenset(structure["fronted_contrasts"]),
            nesting=frozenset(structure["nesting"]),
            nesting_gap=int(structure["nesting_gap"]),
            agent_markers=frozenset(structure["agent_markers"]),
            list_words=frozenset(structure["list_words"]),
            actors=frozenset(structure["actors"]),
            actor_prepositions=frozenset(structure["actor_prepositions"]),
            raising=TermIndex(neg["raising"]),
            problems=TermIndex(structure["problems"]),
            change=TermIndex(cfg["change_of_mind"]["phrases"]),
            copulas=frozenset(structure["copulas"]),
            predicate_gap=int(structure["predicate_gap"]),
            relatives=frozenset(structure["relatives"]),
            clause_relatives=frozenset(structure["clause_relatives"]),
            coordination=frozenset(structure["coordination"]),
            naming=WordSet(structure["naming"]),
            proposals=WordSet(structure["proposals"]),
            exceptions=tuple(structure["exceptions"]),
            fact_adverbs=frozenset(neg["fact_adverbs"]),
            back_reference=tuple(cfg["back_reference"]["phrases"]),
            instead=tuple(tuple(term.lower().split()) for term in structure["instead"]),
            subordinators=frozenset(structure["subordinators"]),
            particle_verbs=frozenset(structure["particle_verbs"]),
            act_terms=frozenset(cfg["for"]["acts"] + cfg["against"]["acts"]),
            act_weight=int(structure["act_weight"]),
            openness=frozenset(cfg["neutral"]["openness"]),
            reservations=frozenset(cfg["neutral"]["reservations"]),
            particle_followers=frozenset(structure["particle_followers"]),
            own_references=frozenset(structure["own_references"]),
            list_negators=frozenset(neg["list_negators"]),
            answers=frozenset(structure["answers"]),
            answering_conjunctions=frozenset(structure["answering_conjunctions"]),
            bare_answers={**{tuple(t.split()): -1 for t in structure["bare_no"]},
                          **{tuple(t.split()): 1 for t in structure["bare_yes"]}},
            bare_answer_reach=int(structure["bare_answer_reach"]),
            wanting=frozenset(structure["wanting"]),
            transparent=frozenset(neg["transparent"]),
            final_negation=int(neg["final"]),
            # a cue book saved before [reduction] existed turns no cue at a reduced thing
            reducing_openers=frozenset(cfg.get("reduction", {}).get("openers", ())),
            measures=tuple(cfg.get("reduction", {}).get("measures", ())),
            auxiliaries=frozenset(structure["auxiliaries"]) | frozenset(structure["obligation"]),
            obligation=frozenset(structure["obligation"]),
            additive=frozenset(structure.get("additive", ())),  # (none in a cue book saved before the list)
            speech_tags=frozenset(structure.get("speech_tags", ())),  # (none in a cue book saved before them)
            denials=WordSet(structure.get("denials", ())),  # (none in a cue book saved before them)
            passive_auxiliaries=frozenset(structure.get("passive_auxiliaries", ())),
            sounds_from=tuple(tuple(t.split()) for t in structure.get("sounds_from", ())),
            clefts=tuple(tuple(t.split()) for t in neg.get("clefts", ())),  # (none in an older cue book)
            cleft_exceptions=frozenset(neg.get("cleft_exceptions", ())),
        )



class IssuePhrases:
    """Compiled trigger / for / against phrases of one issue."""

    def __init__(self, issue: Issue | None):
        self.label = issue.label if issue else ""
        self.triggers = TermIndex(issue.triggers if issue else ())
        self.for_phrases = TermIndex(issue.for_phrases if issue else ())
        self.against_phrases = TermIndex(issue.against_phrases if issue else ())
        self.groups = TermGroups({"triggers": self.triggers, "for": self.for_phrases,
                                  "against": self.against_phrases})
