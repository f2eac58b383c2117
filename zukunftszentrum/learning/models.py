"""This app's tables."""
