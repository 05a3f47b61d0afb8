"""Ids, years and NUL bytes from outside: parsed safely, refused clearly (issue 11, item 7)."""

from __future__ import annotations

import pytest
from django.test import Client

from joinedup.core.forms import DatePartsField
from joinedup.core.parsing import parse_id, parse_year


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        ("²", None),
        ("٣", None),
        ("９", None),
        ("9" * 5000, None),
        ("9" * 19, None),
        ("-1", None),
        ("", None),
        (None, None),
        ("1e3", None),
    ],
)
def test_an_id_is_ascii_digits_that_fit_a_column(value, expected) -> None:
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("2026", 2026), ("99999999999999999999", None), ("２０２６", None), ("26", None)]
)
def test_a_year_has_four_ascii_digits(value, expected) -> None:
    assert parse_year(value) == expected


@pytest.mark.parametrize(
    "parts", [["1", "1", "99999999999999999999"], ["1", "1", "²"], ["99999999999999999999", "1", "2026"]]
)
def test_an_impossible_date_is_a_form_error_not_an_overflow(parts) -> None:
    field = DatePartsField(label="Date of birth")
    with pytest.raises(Exception) as refused:
        field.clean(parts)
    assert "must be a real date" in str(refused.value)


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/patients/?q=9990%00000018"},
        {"path": "/patients/999%000000018/"},
    ],
)
def test_a_request_with_a_nul_byte_is_a_clear_400(icb, signed_in, request_kwargs) -> None:
    client: Client = signed_in("gp_clinician")
    method = request_kwargs.get("method", "get")
    response = getattr(client, method)(request_kwargs["path"], request_kwargs.get("data", {}))
    assert response.status_code == 400
    assert "not allowed (NUL)" in response.content.decode()
