"""Self-learning units as validated data, and the knowledge check's logic. Pure: no Django.

- `schema`: the dataclasses (`Unit`, `Section`, `Question`, `Option`).
- `loader`: `load_unit(md_path, quiz_path, competences)` and `load_units(directory, competences)`
  read `content/units/<id>.md` (Markdown with a YAML header) and `<id>.quiz.yaml` as
  `content/units/README` / the unit format describes; broken content raises `ContentError`
  naming file, line and field (the self-checks' YAML reader and error type).
- `render`: Markdown -> safe HTML (raw HTML is escaped, never passed through).
- `attempts`: drawing questions for an attempt, scoring it and the review before a retry.
"""

from .schema import QUESTION_TYPES, Option, Question, Section, SectionText, Source, Unit

__all__ = [
    "QUESTION_TYPES",
    "Option",
    "Question",
    "Section",
    "SectionText",
    "Source",
    "Unit",
]
