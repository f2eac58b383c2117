"""Settings: base (shared), dev (demo on SQLite), test, prod. Chosen by DJANGO_SETTINGS_MODULE."""
