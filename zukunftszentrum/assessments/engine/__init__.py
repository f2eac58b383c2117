"""The self-check engine: instruments as data, answer logic, scoring, aggregation.

Pure Python (an import-linter contract keeps Django out). Modules:
`schema` (dataclasses, Catalog), `loader` (YAML -> validated Instrument, ContentError),
`logic` (answers, visibility), `scoring` (Result), `aggregate` (suppressed mean profiles).
"""

from .loader import ContentError, load_catalog, load_framework, load_instrument
from .logic import AnswerError
from .schema import Catalog, Instrument
from .scoring import Result, score

__all__ = [
    "AnswerError",
    "Catalog",
    "ContentError",
    "Instrument",
    "Result",
    "load_catalog",
    "load_framework",
    "load_instrument",
    "score",
]
