"""Sharing completions with one's organisation, the person's choice (for the Art. 4 record)."""
