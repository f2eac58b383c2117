"""Competences: the framework and job profiles (content), the evidence log and the levels that
follow from it, targets from every source, "Meine Kompetenzen" and "Berufsprofile"."""
