"""The consultation's forms embedded in the application's page come back to it as typed."""

import re

import pytest

from oversight.accounts.tests.helpers import signed_in
from oversight.consultations.models import Comment
from oversight.core.models import AuditEntry
from oversight.licensing.tests.flow import comment_on, to_consultation
from oversight.licensing.tests.helpers import World

pytestmark = pytest.mark.django_db


def test_it_keeps_a_refused_moderation_on_the_application_page(world: World) -> None:
    app = to_consultation(world)
    pending = comment_on(app)
    page_url = f"/staff/licensing/applications/{app.reference}/"
    url = f"/staff/consultations/{pending.consultation.reference}/comments/{pending.pk}/moderate/"
    before = AuditEntry.objects.count()
    response = signed_in(world.officer).post(url, {"decision": "reject", "next": page_url})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'name="next" value="{page_url}"' in page  # the application's page again
    field = re.search(rf'id="moderationform-{pending.pk}-reason".*?</p>', page, re.S)
    assert field is not None and "Say why the comment is withheld" in field.group(0)
    assert re.search(r'<input[^>]*value="reject"[^>]*checked', page)
    assert Comment.objects.get(pk=pending.pk).status == "pending"
    assert AuditEntry.objects.count() == before
