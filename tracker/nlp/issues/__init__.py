"""Issue of each statement (spaCy component "tracker_issues").

The issue catalogue is ``data/issues.csv`` with the columns
``slug,label,cap_topic,triggers,for_phrases,against_phrases``: one concrete policy question per row,
the Danish label phrased so that a stance reads against it ("Grænsekontrol ved de danske grænser"),
``;``-separated trigger words/phrases that point to the issue and optional phrases that mean *for*
or *against* it (used by the stance component). Patterns are those of ``tracker.nlp.lexicon``.

Users extend the catalogue with their own CSV in the same format: pass it to ``load_catalogue()`` or
name it in the environment variable ``TRACKER_ISSUES`` (several files separated by ``os.pathsep``).
A user row with an existing slug replaces the bundled one.

How an issue is chosen, so that statements on the same question land on the same issue:
1. the triggers in the statement's own evidence, then (if none) in its paragraph; a statement that opens
   with a condition ("Hvis ..., så ...") is read from its consequence on, and its paragraph not; a frame
   issue (``scope`` frame or yearly) only when no other issue is there;
2. ties and near-ties go to the issue the whole article (headline/lead counted twice) stresses most;
3. the article's main issue (the one its headline/lead stresses most, else the article's clearly
   dominant one; never a frame) keeps a statement whose text points elsewhere only weakly: another issue
   must beat the main issue's own score there by ``STRONGER`` (two trigger words, one multi-word trigger
   or one long compound), so that one incidental noun ("forskning", "sygehus") does not split a debate; and a
   statement that speaks of the proposal by a bare reference ("kalder regeringens forslag et angreb på X",
   "stemme imod forslaget"; not "forslaget om X") is on the main issue when that is prominent;
4. with no trigger nearby, a statement that names the proposal by a bare reference ("har skudt forslaget ned")
   is on the issue of the statement before; else the article's main issue when it is prominent (``MAIN_WEIGHT``: one debate,
   one issue, even when a critic names it in other words or not at all), else the article's dominant
   issue within the statement's CAP topic (any topic when the statement has none);
5. one debate, one issue: where the article names a narrower question of a statement's issue (a trigger that
   ends in one of the issue's triggers, "kystnære havvindmøller" of "havvindmøller") at least as often, the
   statement is on the narrower one (``narrower_issues``);
6. else a catch-all issue per CAP topic, slug ``topic-<name>`` ("other statements on <topic>" in the
   reports), where tracker_objects gives the statement its policy object for discovery.
A yearly issue gets the article's year ("finanslov-2024"); a statement that names its issue only by the
issue's reverse triggers gets ``extra["issue_reversed"] = True`` and is read the other way round (stance.polarity).
A catalogue issue also sets the statement's ``cap_topic`` to the issue's topic (a frame only when chosen from
triggers: a frame spans topics), so that the statements on one issue share its topic.
When the evidence lists several proposals with their own issues ("..., en milliard til ældreplejen og
et hævet kørselsfradrag"), the statement is copied once per further issue (``extra["listed_with"]``).

Rooms: ``catalogue`` (Issue, reading the CSVs, catch-all issues), ``matcher`` (trigger scores of a stretch),
``tagger`` (the component).
"""

from tracker.nlp.issues.catalogue import ENV_VAR, Issue, catalogue_paths, load_catalogue, read_issues, topic_fallbacks
from tracker.nlp.issues.matcher import IssueMatcher
from tracker.nlp.issues.tagger import IssueTagger, best_issue, list_items, make_issue_tagger

__all__ = ["ENV_VAR", "Issue", "IssueMatcher", "IssueTagger", "best_issue", "catalogue_paths", "list_items",
           "load_catalogue", "make_issue_tagger", "read_issues", "topic_fallbacks"]
