"""The numbers a row's words write (multiples in words, a decimal comma, Russian and Ukrainian scale
words), as rules/words.py reads them for the arithmetic checks."""

from __future__ import annotations

import pytest

from china_russia_tools.rules import numbers


@pytest.mark.parametrize("text, values", [
    ("tenfold", [10.0]),
    ("a three-fold rise", [3.0]),
    ("Hundredfold", [100.0]),
    ("£68 million", [68000000.0]),
    ("manifold", []),
])
def test_written_values_read_multiples_in_words(text, values):
    assert [number.value for number in numbers.numbers(text)] == values


@pytest.mark.parametrize("text, values", [
    ("1,03 трлн юаней", [1030000000000.0]),
    ("вырос на 1,9%, составив рекордные 244,819 миллиарда долларов", [1.9, 244819000000.0]),
    ("5 млрд. доларів", [5000000000.0]),
    ("7 мільйонів", [7000000.0]),
])
def test_written_values_read_a_decimal_comma_and_russian_and_ukrainian_scale_words(text, values):
    assert [number.value for number in numbers.numbers(text, decimal_comma=True)] == values
