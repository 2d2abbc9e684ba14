"""Turning what users name into articles: files, directories (recursive), glob patterns, `-` (stdin).

    for item in read_inputs(["news/", "2024-*.jsonl", "-"], ReadOptions()):
        ...  # an ArticleInput, an ArticleError (one line naming the file and the problem) or a Notice

One reader per format, chosen by the file's extension (or ReadOptions.format):
text (the users' format, see tracker.sources), JSONL, CSV and HTML. JSONL and CSV are streamed a
record at a time; a text or HTML file, or one JSONL line, larger than ``max_size`` is refused.
Text that is not UTF-8 is read as cp1252, with a warning on the article.

Modules: inputs (names to readers), finding (names to files), encoding (bytes to text), documents and
html (whole-file articles), jsonl and csvfile (record streams), records (a record to an article),
finish (the default date), options (ReadOptions, Notice, formats and fields).
"""

from tracker.readers.finding import expand, walk
from tracker.readers.inputs import format_of, read_file, read_inputs, read_stream
from tracker.readers.options import DEFAULT_MAX_SIZE, FIELDS, FORMATS, Item, Notice, ReadOptions

__all__ = ["DEFAULT_MAX_SIZE", "FIELDS", "FORMATS", "Item", "Notice", "ReadOptions", "expand", "format_of",
           "read_file", "read_inputs", "read_stream", "walk"]
