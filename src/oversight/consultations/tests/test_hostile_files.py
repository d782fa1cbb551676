"""The hostile-files corpus as comment attachments: refused, or published harmless."""

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oversight.accounts.models import User
from oversight.consultations import actions
from oversight.consultations.models import Comment, Consultation
from oversight.consultations.tests.helpers import past_close
from oversight.core.tests.hostile import SAFE_SUFFIXES, corpus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(corpus()))
def test_a_hostile_attachment_is_refused_or_published_harmless(
    consultation: Consultation, admin: User, name: str
) -> None:
    hostile = corpus()[name]
    client, url = Client(), f"/consultations/{consultation.reference}/"
    key = re.search(r'name="idempotency_key" value="([^"]+)"', client.get(url).content.decode())
    assert key is not None
    response = client.post(
        url,
        {"name": "Amina", "stakeholder_type": "civil_society", "text": "Our view.",
         "idempotency_key": key.group(1), "attachments": SimpleUploadedFile(name, hostile.data)},
    )  # fmt: skip
    assert response.status_code in (302, 400)  # never a server error
    if response.status_code == 400:
        assert name in response.content.decode() and "Our view." in response.content.decode()
        assert not Comment.objects.exists()
        return
    assert not hostile.refused
    saved = Comment.objects.get()
    actions.moderate_comment(saved, accept=True, reason="", actor=admin)
    past_close(consultation, close=True)
    served: Any = client.get(f"{url}files/{saved.attachments.get().pk}/")
    data = b"".join(served.streaming_content)
    assert [token for token in hostile.absent if token in data] == []
    assert served["Content-Disposition"].split('filename="')[1].rstrip('"').endswith(SAFE_SUFFIXES)
    assert "sandbox" in served["Content-Security-Policy"]
