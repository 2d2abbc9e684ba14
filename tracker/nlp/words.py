"""Danish word endings shared by the components: the genitive, a party form's endings.

The genitive of a name or a party: "Venstres", "SF's", "LA’s", and after s, x or z the bare apostrophe
("Kurs'", "Jens'"): ``GENITIVE_ENDINGS``. ``is_genitive`` tests for them, ``strip_genitive`` takes them off,
and a later reference to a name may carry them (``NAME_ENDINGS``). Common nouns in the definite genitive
("regeringens", "udvalgets", "partiernes") end in ``DEFINITE_GENITIVES``.
"""

from __future__ import annotations

GENITIVE_ENDINGS = ("'s", "’s", "s", "'")  # longest first where one ends another
NAME_ENDINGS = GENITIVE_ENDINGS  # what a later reference to a name may add to the form ("Testesens")
DEFINITE_GENITIVES = ("ens", "ets", "ernes")
QUOTE_OPENERS = ("- ", "– ", "— ", "»", '"', "“", "„")  # what a quote paragraph opens with
# The endings a party form may take in the text: genitive and member forms ("SF'erne", "DF'eren", "Venstres").
PARTY_SUFFIX = r"(?:['’](?:s|erne|ernes|ere|er)|s)?"


def is_genitive(word: str) -> bool:
    """True for a word in the genitive ("Venstres", "SF's", "LA’s", "Kurs'")."""
    return word.endswith(GENITIVE_ENDINGS)


def strip_genitive(text: str) -> str:
    """The text without its genitive ending (texts of more than three characters)."""
    for ending in GENITIVE_ENDINGS:
        if text.endswith(ending) and len(text) > 3:
            return text[: -len(ending)]
    return text
