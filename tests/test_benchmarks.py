"""The benchmarks' synthetic corpus builds under the current schema, so benchmarks/run.py keeps working."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_synthetic_corpus_builds_with_its_annotations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    spec = importlib.util.spec_from_file_location("benchmarks_run", ROOT / "benchmarks" / "run.py")
    run = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "benchmarks_run", run)  # its dataclasses look it up
    spec.loader.exec_module(run)
    root = run.synthetic_corpus(tmp_path / "corpus", 3)
    assert run.annotation_count(root) == 3 * run.ANNOTATIONS_PER_SOURCE
