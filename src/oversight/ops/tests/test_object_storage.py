"""Uploaded documents on object storage (django-storages' S3 backend, as docs/deploy.md
configures it), against moto's S3 in this process: no network, no real bucket."""

import io
from collections.abc import Iterator
from typing import Any

import boto3
import pikepdf
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws
from storages.backends.s3 import S3Storage

from oversight.licensing import actions
from oversight.licensing.models import Application
from oversight.licensing.tests.helpers import build_world

pytestmark = pytest.mark.django_db

BUCKET = "oversight-files"


def _pdf() -> bytes:
    document, out = pikepdf.new(), io.BytesIO()
    document.add_blank_page()
    document.save(out)
    return out.getvalue()


PDF = _pdf()


@pytest.fixture
def bucket(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name="eu-west-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "default_acl": "private"},
            },
        }
        yield client


def test_it_keeps_an_end_use_statement_in_the_bucket_and_reads_it_back(bucket: Any) -> None:
    world = build_world()
    app = actions.create_application(world.exporter, actor=world.member)
    upload = SimpleUploadedFile("statement.pdf", PDF, "application/pdf")
    actions.attach_end_use_statement(app, upload, actor=world.member)

    stored = Application.objects.get(pk=app.pk).end_use_statement
    keys = [row["Key"] for row in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys == [stored.name]
    assert stored.read().startswith(b"%PDF")
    assert isinstance(storages["default"], S3Storage)


def test_it_refuses_nothing_silently_when_the_bucket_is_missing(bucket: Any) -> None:
    bucket.delete_bucket(Bucket=BUCKET)
    world = build_world()
    app = actions.create_application(world.exporter, actor=world.member)
    upload = SimpleUploadedFile("statement.pdf", PDF, "application/pdf")
    with pytest.raises(Exception, match="NoSuchBucket"):
        actions.attach_end_use_statement(app, upload, actor=world.member)
    assert not Application.objects.get(pk=app.pk).end_use_statement
