"""Word patterns for Danish word lists, shared by the topic, issue and stance components.

A *term* is one or more words separated by spaces; every word is a pattern:

- ``skat``      the token's lower-case form or its lemma is exactly ``skat``
- ``forsvars*`` the token (or one part of a hyphenated token) starts with ``forsvars``
- ``*skat``     the token ends with ``skat`` plus at most an inflection ending
                (topskat, selskabsskatten, CO2-afgiften for ``*afgift``): Danish glues words together
- ``*stop*``    the token contains ``stop`` anywhere

The words of a multi-word term must occur in order; up to ``MAX_GAP`` other tokens may stand between
two of them ("trække soldaterne hjem" matches ``trække* hjem``), but never a sentence end.

How the search stays cheap (the components search every article many times): ``TermIndex.find`` takes
a list of tokens, but the components call ``find_in(doc, start, end)``, which reads the doc once
(``doc_forms``: one numpy read of each token's lower-case and lemma hashes, no Token objects) and makes
a token's forms only where a search looks at it. Which terms can start at a word, and which later words
of multi-word terms a word fits, is remembered per word (per process, ``PatternLookup``), and on long
stretches numpy skips the words known to start none. ``matches_within``
answers many overlapping stretches of one doc (statement, paragraph, lead) from one search of the whole
doc; ``TermGroups`` searches several lists in one pass.

Rooms: ``patterns`` (one word of a term), ``forms`` (a doc's token forms, PatternLookup), ``index``
(TermIndex, TermGroups, Match). Where a statement sits (its tokens, paragraph, lead) is
``tracker.nlp.positions``.
"""

from tracker.nlp.lexicon.forms import MEMO_LIMIT, SHORT, DocForms, PatternLookup, doc_forms, word_key
from tracker.nlp.lexicon.index import Match, TermGroups, TermIndex, longest_first
from tracker.nlp.lexicon.patterns import (ENDINGS, MAX_GAP, WordPattern, _ends_with_head, _head_ends, forms_of,
                                          parse_term, token_forms)

__all__ = ["MEMO_LIMIT", "SHORT", "DocForms", "PatternLookup", "doc_forms", "word_key", "Match", "TermGroups",
           "TermIndex", "longest_first", "ENDINGS", "MAX_GAP", "WordPattern", "_ends_with_head", "_head_ends",
           "forms_of", "parse_term", "token_forms"]
