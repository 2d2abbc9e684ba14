"""Politicians and parties named in an article (spaCy factory ``tracker_mentions``).

Parties are found by every surface form the registry knows ("Venstres", "De Radikale", "SF'erne");
one-letter forms only as a tag "(V)". People are found by the registry's names and variants, by
patterns for people the registry lacks ("Name (V)", "Venstres ordfører, Name", "SF-formand Name",
"Name, formand for SF", "Name fra Venstre" -> ``discovered=True``), and later by shorter forms of
a name the article gives in full ("Testesen", "Mette Testesen").

A person's party comes from the text first (tag, genitive, "for Venstre", "SF-formand"), then from
the registry at the article's date, then from context ("Name og Venstre", the only party named in
the paragraph before). A person's ``gender`` is "M", "F" or None (the registry's, else the first name's usual one).

Rooms: ``words`` (the function words, ``data/function_words.toml``), ``parties`` (party forms and tags),
``names`` (registry names and name candidates), ``around`` and ``context`` (the words around a name:
party and role), ``role_phrases`` (a role phrase before a name), ``references`` (later, shorter references
and misspelt names), ``people`` (one name, role and party per person), ``finder`` (the component).

Speed: the whole text is read only by a few regexes (party forms, tags, capitalised word runs,
later references via str.find) and the PhraseMatcher; everything else looks at the characters
around a candidate name (``word_before``), and ``TextContext`` remembers its answers per position.
"""

from tracker.nlp.mentions.around import word_before
from tracker.nlp.mentions.context import TextContext
from tracker.nlp.mentions.finder import MentionFinder, make_mention_finder
from tracker.nlp.mentions.names import INITIAL, NAME, WORD, build_first_name_genders
from tracker.nlp.mentions.parties import AFTER_PARTY, PartyForms
from tracker.nlp.mentions.references import find_forms, later_references, merge_misspellings, short_forms
from tracker.nlp.mentions.words import MentionWords
from tracker.nlp.model import Mention
from tracker.nlp.words import PARTY_SUFFIX

__all__ = ["AFTER_PARTY", "INITIAL", "NAME", "PARTY_SUFFIX", "WORD", "Mention", "MentionFinder", "MentionWords",
           "PartyForms", "TextContext", "build_first_name_genders", "find_forms", "later_references",
           "make_mention_finder", "merge_misspellings", "short_forms", "word_before"]
