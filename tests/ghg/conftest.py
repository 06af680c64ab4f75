"""Fixtures for the GHG engine tests (data in ghg_sample.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ghg_sample import build_workbook


@pytest.fixture
def sample_workbook(tmp_path) -> Path:
    return build_workbook(tmp_path / "盤查清冊_sample.xlsx")


@pytest.fixture
def sample_inventory(sample_workbook):
    from disclosure.ghg import load_inventory

    return load_inventory(sample_workbook)
