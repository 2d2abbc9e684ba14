"""stance-tracker: who said what in Danish political news."""

__version__ = "0.1.0"

# Bump when the extraction rules change, so `tracker reprocess` knows what to redo.
PIPELINE_VERSION = "0.2.0"  # 0.2.0: confidence is the product of the stages' scores
