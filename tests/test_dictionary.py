"""dictionary.py: the table functions' docstrings list every column of the descriptor, at no cost of a
table read."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import china_russia_tools as crt
from china_russia_tools import tables


@pytest.mark.parametrize("name", crt.TABLES)
def test_help_lists_every_column_from_the_descriptor(name: str):
    doc = getattr(crt, name).__doc__
    fields = tables.resource(name)["schema"]["fields"]
    assert len(fields) > 0, name
    for field in fields:
        assert re.search(rf"^    {field['name']} : {field['type']}\b", doc, re.M), field["name"]
        assert f"\n        {field['description']}\n" in doc + "\n", field["name"]


def test_the_column_docs_cost_no_table_read():
    code = (
        "import sys, china_russia_tools as crt; assert 'unit : string' in crt.figures.__doc__; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
