"""Submitting as a complainant and handling as a handler, through HTTP, for the tests."""

import io
import re
from typing import Any

from django.test import Client
from PIL import Image

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import PASSWORD, signed_in

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
RECEIPT = re.compile(r"<output>([0-9 ]+)</output>")


def token_of(page: Any) -> str:
    match = TOKEN.search(page.content.decode())
    assert match, page.content.decode()[:2000]
    return match.group(1)


def report_data(**fields: Any) -> dict[str, Any]:
    return {"what_happened": "They tapped my phone.", "contact": "receipt"} | fields


def submit(
    client: Client, path: str = "/report/", *, meta: dict[str, Any] | None = None, **fields: Any
) -> Any:
    meta = meta or {}
    token = token_of(client.get(path))
    return client.post(path, report_data(form_token=token, **fields), **meta)


def receipt_of(response: Any) -> str:
    match = RECEIPT.search(response.content.decode())
    assert match, response.content.decode()[:3000]
    return match.group(1)


def open_status(client: Client, receipt: str, **extra: Any) -> Any:
    token = token_of(client.get("/report/status/"))
    return client.post("/report/status/", {"form_token": token, "receipt": receipt} | extra)


def jpeg_with_exif(marker: str) -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010E] = marker  # ImageDescription
    exif[0x013B] = marker  # Artist
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def pdf_with_author(marker: str) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = marker
    pdf.docinfo["/Title"] = marker
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = [marker]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def handler_client(user: User) -> Client:
    client = signed_in(user)
    response = client.post("/staff/grievances/unlock/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:1500]
    return client
