"""Receipts: 83 bits, looked up by Argon2id under the site salt (floods: test_limiter)."""

from typing import Any

import pytest
from django.test import Client

from oversight.grievances import crypto, receipts
from oversight.grievances.models import Report, SiteSalt
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import open_status, receipt_of, submit, token_of

WRONG = "11111 22222 33333 44444 55555"


def test_it_makes_receipts_of_83_bits() -> None:
    made = {receipts.new_receipt() for _ in range(200)}
    assert len(made) == 200
    assert all(len(r.replace(" ", "")) == 25 and r.replace(" ", "").isdigit() for r in made)
    assert receipts.normalise("12345-12345 12345 12345 12345") == "1234512345123451234512345"
    assert receipts.normalise("1234") is None and receipts.normalise("١" * 25) is None  # noqa: RUF001


def test_it_stores_only_the_argon2id_lookup(world: World) -> None:
    receipt = receipt_of(submit(Client()))
    report = Report.objects.get()
    lookup, key = crypto.receipt_material(receipt.replace(" ", ""), SiteSalt.current())
    assert bytes(report.lookup) == lookup and lookup != key
    assert crypto.unlock(key, bytes(report.receipt_box))  # the other half opens the key


def _body(response: Any) -> str:
    html = response.content.decode()
    return str(html.replace(token_of(response), "TOKEN"))


def test_it_answers_wrong_and_malformed_receipts_alike(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    receipt_of(submit(Client()))
    calls: list[str] = []
    real = crypto.receipt_material

    def counted(receipt: str, salt: bytes) -> tuple[bytes, bytes]:
        calls.append(receipt)
        return real(receipt, salt)

    monkeypatch.setattr(crypto, "receipt_material", counted)
    wrong, malformed = open_status(Client(), WRONG), open_status(Client(), "not-a-receipt")
    assert wrong.status_code == malformed.status_code == 400
    assert _body(wrong) == _body(malformed)
    assert "We could not open a report with this receipt" in _body(wrong)
    assert len(calls) == 2  # the malformed one costs the same Argon2id work
