"""Stance across an article: reactions ("Det møder kritik fra X") take their stance from the position they
answer, a speaker keeps one position per issue, and a party row without a cue follows its named members."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict

from tracker.nlp.stance.cues import ACT, AGAINST, FOR, NEUTRAL


class ArticleStances:
    """The article-wide steps, on statements whose own stance is read."""

    def __init__(self, act_weight: int = 1, additive: frozenset[str] = frozenset()):
        self.act_weight = act_weight
        self.additive = additive

    def resolve_reactions(self, statements) -> None:
        """ "Det møder kritik fra X" / "får opbakning fra X": X reacts to the position stated just before
        (the nearest earlier statement of another party on the same issue that is no reaction itself: not one
        that names the proposal by a bare reference, "kalder planen tåbelig"); criticism takes the opposite
        stance of that position, support the same. Without such a position the cue's own reading stays. A
        reaction with "også"/"heller" ("Det kan K heller ikke bakke op om") takes the stance of the statement
        just before it on the issue (of another party): it agrees with it."""
        ordered = sorted(statements, key=lambda st: st.start_char)
        positions = Positions(o for o in ordered if not o.extra.get("stance_reaction") and o.stance in (FOR, AGAINST)
                              and (o.extra.get("stance_strong") or o.extra.get("stance_from"))
                              and not o.extra.get("proposal_reference"))  # "kalder planen tåbelig" reacts too
        said: dict = {}  # question -> the last statement on it so far, with its stance as resolved
        for st in ordered:
            previous, said[st.question] = said.get(st.question), st
            if not (st.extra.get("stance_reaction") or st.extra.get("proposal_reference")
                    and st.extra.get("stance_strong")):
                continue
            if st.extra.get("stance_reaction") and previous is not None and previous.party != st.party \
                    and previous.stance in (FOR, AGAINST) and self.additive.intersection(st.evidence.lower().split()):
                st.stance = previous.stance  # "Det kan K heller ikke bakke op om": as the one before
                st.extra["stance_from"] = "reaction"
                continue
            earlier = positions.last_before(st)
            if earlier is not None:
                target = earlier.stance
                opposite = AGAINST if target == FOR else FOR
                st.stance = opposite if st.stance == AGAINST else target
                st.extra["stance_from"] = "reaction"

    def align_repeats(self, statements) -> None:
        """A speaker (or party) keeps one position per issue in an article, unless a statement says the
        speaker changed their mind ("har skiftet holdning"). The position is the majority of the group's
        statements with a strong cue (on a tie: the earliest of them); statements without one follow it."""
        for group in self.groups(statements).values():
            if any(st.extra.get("stance_change") for st in group):
                continue
            position = self.majority(group)
            for st in group:
                if position and st.stance != position:
                    st.stance = position
                    st.extra["stance_from"] = "same speaker"

    @staticmethod
    def groups(statements) -> dict[tuple, list]:
        """(speaker, party, question) -> the statements of that speaker (or party row) on that issue (and, on a
        catch-all, that policy object: ``StatementCandidate.question``)."""
        groups = defaultdict(list)
        for st in sorted(statements, key=lambda st: st.start_char):
            groups[st.speaker, st.party, st.question].append(st)
        return groups

    def majority(self, group) -> str | None:
        """The most frequent stance among the statements with a strong cue, a statement decided by an act (a
        vote, an agreement: ``ACT`` among its cues) counting ``act_weight`` times. Ties go to an explicit
        "neutral", else to the statements that name the speaker ("..., siger X"), else to the earliest."""
        decided = [st for st in group if st.extra.get("stance_strong")]
        if not decided:
            return None
        votes: Counter = Counter()
        for st in decided:
            votes[st.stance] += self.act_weight if ACT in st.extra.get("stance_cues", ()) else 1
        top = max(votes.values())
        tied = [st for st in decided if votes[st.stance] == top]
        if any(st.stance == NEUTRAL for st in tied):
            return NEUTRAL
        named = Counter(st.stance for st in tied if st.extra.get("stance_named"))
        if named and len(set(named.values())) == len(named):
            return named.most_common(1)[0][0]
        return tied[0].stance

    def follow_members(self, statements) -> None:
        """A party row without a cue of its own takes the majority position of the party's named
        members on the same issue in the article."""
        groups = self.groups(statements)
        named: dict[tuple, list] = defaultdict(list)  # (party, issue) -> the statements of its named members
        for (who, p, i), g in groups.items():
            if who:
                named[p, i] += g
        for (speaker, party, issue), group in groups.items():
            if speaker is not None or any(st.extra.get("stance_strong") for st in group):
                continue
            members = named.get((party, issue), [])
            position = self.majority(members)
            for st in group:
                if position and st.stance != position:
                    st.stance = position
                    st.extra["stance_from"] = "party members"


class Positions:
    """Statements (in text order) that a reaction may answer, by issue: for a reaction, the last one before it
    on its issue of another party."""

    def __init__(self, statements):
        self.by_issue: dict = defaultdict(list)
        for st in statements:
            self.by_issue[st.question].append(st)
        self.starts = {issue: [st.start_char for st in found] for issue, found in self.by_issue.items()}
        self.other_party_before: dict = {}  # issue -> for each statement: the last earlier one of another party
        for issue, found in self.by_issue.items():
            last_other, previous = [], None
            for k, st in enumerate(found):
                if k and found[k - 1].party != st.party:
                    previous = found[k - 1]
                last_other.append(previous)
            self.other_party_before[issue] = last_other

    def last_before(self, reaction):
        found = self.by_issue.get(reaction.question)
        if not found:
            return None
        k = bisect_left(self.starts[reaction.question], reaction.start_char) - 1
        if k < 0:
            return None
        if found[k].party != reaction.party:
            return found[k]
        return self.other_party_before[reaction.question][k]
