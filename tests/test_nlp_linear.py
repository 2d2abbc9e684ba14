"""The look-up structures that keep extraction linear in the article give what the plain searches gave."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from tracker.nlp.attribution import NAME_LIKE, NamesFrom
from tracker.nlp.mentions import merge_misspellings
from tracker.nlp.model import SPEAKER, Mention
from tracker.nlp.ranges import Ordered, Stretches
from tracker.nlp.stance import Positions

WORDS = ["Anna", "Bo", "Jensen", "B.", "og", "siger", "Ole", "Hansen", "»", "han", "Eva", "Lund", "x"]
FIRST_NAMES = {"Anna": "F", "Eva": "F", "Bo": "M", "Ole": "M"}


def naive_block(view, start, end, gender):
    """What ``other_person_between`` did before: one regex search of the stretch per question."""
    for match in NAME_LIKE.finditer(view.text, start, end):
        if view.blocks(match, gender) is not None:
            return True
    return False


class View:
    """The part of an ArticleView that NamesFrom reads: the text and which name-like matches count."""

    def __init__(self, text, quoted=(), mentions=()):
        self.text, self.quoted, self.mentioned = text, quoted, mentions
        self.article = self  # NamesFrom reads references.article.text

    def blocks(self, match, gender=None):
        found = FIRST_NAMES.get(match.group(1))
        if found is None or (gender is not None and found != gender):
            return None
        if any(s <= match.start() < e for s, e in (*self.quoted, *self.mentioned)):
            return None
        return found


@given(st.lists(st.sampled_from(WORDS), max_size=30), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200),
                                                                         st.sampled_from("MF")), max_size=12))
def test_names_from_answers_every_stretch_as_a_search_of_that_stretch(words, questions):
    text = " ".join(words)
    view = View(text, quoted=[(3, 9)], mentions=[(20, 31)])
    scans = {}
    for start, end, gender in questions:
        start, end = min(start, len(text)), min(end, len(text) + 2)
        scan = scans.setdefault(start, NamesFrom(view, start))
        assert scan.block(end, gender) == naive_block(view, start, end, gender), (text, start, end, gender)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=25),
       st.lists(st.tuples(st.integers(0, 70), st.integers(0, 8)), max_size=25))
def test_stretches_tell_overlaps_as_a_scan_of_all_stretches(added, asked):
    stretches, plain = Stretches(), []
    for (start, width), (q_start, q_width) in zip(added, asked):
        stretches.add(start, start + width)
        plain.append((start, start + width))
        q_end = q_start + q_width
        assert stretches.overlaps(q_start, q_end) == any(s < q_end and q_start < e for s, e in plain)


def test_ordered_gives_the_last_item_before_a_position():
    found = Ordered([5, 1, 9, 3], key=lambda x: x)
    assert [found.last_before(p) for p in (0, 1, 2, 4, 9, 10)] == [None, None, 1, 3, 5, 9]


def test_misspelt_names_are_merged_with_the_first_fitting_registry_name():
    def person(name, key=None):
        return Mention(SPEAKER, 0, len(name), name, name=name, politician_key=key, discovered=key is None)

    known = [person("René Christensen", "ChristensenRene"), person("René Christensen", "ChristensenRene"),
             person("René Kristensen", "KristensenRene")]
    discovered = [person("René Christiansen"), person("René Testesen"), person("René Christiansen")]
    merge_misspellings(discovered, known)
    assert [(m.name, m.politician_key, m.discovered) for m in discovered] == [
        ("René Christensen", "ChristensenRene", False), ("René Testesen", None, True),
        ("René Christensen", "ChristensenRene", False)]


@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["V", "S", "SF"]), st.sampled_from(["a", "b"]),
                          st.booleans()), max_size=30))
def test_reactions_answer_the_position_a_scan_back_finds(rows):
    statements = sorted((SimpleNamespace(start_char=start, party=party, issue=issue, question=(issue, None),
                                         reaction=reaction)
                         for start, party, issue, reaction in rows), key=lambda s: s.start_char)
    positions = Positions(s for s in statements if not s.reaction)
    for i, reaction in enumerate(statements):
        if not reaction.reaction:
            continue
        earlier = [o for o in statements[:i] if o.issue == reaction.issue and o.party != reaction.party
                   and o.start_char < reaction.start_char and not o.reaction]
        assert positions.last_before(reaction) is (earlier[-1] if earlier else None)

