"""Comment attachments: bounded, cleaned and served inert, like evidence (issue 17, finding 3)."""

import io
import re
from typing import Any

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from oversight.accounts.models import User
from oversight.consultations import actions
from oversight.consultations.models import Comment, Consultation
from oversight.consultations.tests.helpers import past_close
from oversight.core.tests.hostile import ACTIVE_TOKENS, active_pdf

pytestmark = pytest.mark.django_db


def _post(client: Client, consultation: Consultation, upload: SimpleUploadedFile) -> Any:
    url = f"/consultations/{consultation.reference}/"
    page = client.get(url).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    assert key is not None
    return client.post(
        url,
        {"name": "Amina", "stakeholder_type": "civil_society", "text": "Our view on this.",
         "idempotency_key": key.group(1), "attachments": upload},
    )  # fmt: skip


def _published(client: Client, consultation: Consultation, admin: User) -> Any:
    saved = Comment.objects.get()
    actions.moderate_comment(saved, accept=True, reason="", actor=admin)
    past_close(consultation, close=True)
    url = f"/consultations/{consultation.reference}/files/{saved.attachments.get().pk}/"
    return client.get(url)


def test_it_serves_a_text_attachment_under_a_text_name_inert(
    consultation: Consultation, admin: User
) -> None:
    client = Client()
    html = b"<html><script>alert(1)</script></html>"
    assert _post(client, consultation, SimpleUploadedFile("evil.html", html)).status_code == 302
    response = _published(client, consultation, admin)
    assert 'filename="evil.txt"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_it_publishes_a_pdf_without_its_active_content(
    consultation: Consultation, admin: User
) -> None:
    client = Client()
    assert _post(client, consultation, SimpleUploadedFile("brief.pdf", active_pdf())).status_code
    response = _published(client, consultation, admin)
    data = b"".join(response.streaming_content)
    assert [token for token in ACTIVE_TOKENS if token in data] == []
    assert len(pikepdf.open(io.BytesIO(data)).pages) == 2


def test_it_refuses_a_decompression_bomb_naming_the_file(consultation: Consultation) -> None:
    bomb = io.BytesIO()
    Image.new("1", (13000, 13000)).save(bomb, "PNG")
    response = _post(Client(), consultation, SimpleUploadedFile("map.png", bomb.getvalue()))
    assert response.status_code == 400
    assert "map.png" in response.content.decode()
    assert not Comment.objects.exists()
