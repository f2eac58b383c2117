import pytest


@pytest.fixture(autouse=True)
def key_folder(settings, tmp_path):
    """Each test signs with keys of its own, in a folder of its own."""
    settings.ZZ_SIGNING_KEYS_DIR = tmp_path / "keys"
    settings.ZZ_CREDENTIALS_BASE_URL = "https://zz.example"
    return settings.ZZ_SIGNING_KEYS_DIR / "credentials"
