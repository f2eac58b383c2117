"""Views of the self-checks: the overview, taking a check page by page, and its result."""
