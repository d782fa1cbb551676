"""The end-use statement is bounded and cleaned like every file from outside (issue 17)."""

import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from oversight.core.tests.hostile import ACTIVE_TOKENS, active_pdf
from oversight.licensing import actions
from oversight.licensing.tests.helpers import World


def test_it_keeps_a_statement_disarmed_and_named_by_its_type(world: World) -> None:
    app = actions.create_application(world.exporter, actor=world.member)
    upload = SimpleUploadedFile("statement.html", active_pdf(), "text/html")
    actions.attach_end_use_statement(app, upload, actor=world.member)
    app.refresh_from_db()
    assert app.end_use_statement.name.endswith(".pdf")
    data = app.end_use_statement.read()
    assert [token for token in ACTIVE_TOKENS if token in data] == []
    assert len(pikepdf.open(io.BytesIO(data)).pages) == 2


def test_it_refuses_a_decompression_bomb_as_statement(world: World) -> None:
    app = actions.create_application(world.exporter, actor=world.member)
    bomb = io.BytesIO()
    Image.new("1", (13000, 13000)).save(bomb, "PNG")
    with pytest.raises(ValidationError) as error:
        actions.attach_end_use_statement(
            app, SimpleUploadedFile("scan.png", bomb.getvalue()), actor=world.member
        )
    assert "scan.png" in " ".join(error.value.message_dict["end_use_statement"])
    app.refresh_from_db()
    assert not app.end_use_statement
