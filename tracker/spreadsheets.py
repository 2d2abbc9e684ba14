"""CSV that is safe to open in a spreadsheet: text cells that would run as formulas are neutralised.

A spreadsheet computes a cell starting with =, +, -, @ (or a tab or carriage return, which some read
past) as a formula, even from quoted CSV text: ``=HYPERLINK(...)`` in an article would be a live link.
OWASP's rule: such a text cell gets a single quote in front. Only text cells change (numbers such as a
negative net position stay numbers), only in what is written out (never in the database), and
``raw=True`` (`--raw`) writes the text as it is, for programs that read the CSV themselves.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would take as a formula, with a ' in front; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text cell neutralised (columns of numbers or dates untouched)."""
    text_columns = [name for name in frame.columns if frame[name].dtype == object or
                    pd.api.types.is_string_dtype(frame[name].dtype)]
    if not text_columns:
        return frame
    safe = frame.copy()
    for name in text_columns:
        safe[name] = safe[name].map(neutralise)
    safe.columns = [neutralise(str(name)) if isinstance(name, str) else name for name in safe.columns]
    return safe


def csv_text(frame: pd.DataFrame, raw: bool = False) -> str:
    """The frame as CSV text (no index), neutralised unless `raw`."""
    return (frame if raw else neutralised(frame)).to_csv(index=False)
