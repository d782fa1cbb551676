"""The complainant's writes: a report, and later messages and files; audited without content."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from oversight.core import audit
from oversight.grievances import crypto, evidence, receipts, store
from oversight.grievances.events import Event
from oversight.grievances.models import (
    Assignment,
    Channel,
    Entry,
    EvidenceFile,
    Report,
)
from oversight.grievances.uploads import EncryptedUpload
from oversight.registry.models import Jurisdiction

COMPLAINANT = "complainant"
RETRY_WINDOW = timedelta(hours=1)


@dataclass
class Submission:
    channel: Channel
    nonce: str
    answers: dict[str, Any]
    identity: dict[str, str]
    country: Jurisdiction | None
    category: str
    consents: list[str]
    contact_by_email: bool
    uploads: list[tuple[EncryptedUpload, str]]  # (upload, sniffed type)
    keep_original: bool


def nonce_digest(nonce: str) -> str:
    return hashlib.sha256(b"grievance-form:" + nonce.encode()).hexdigest()


def _retry_key(nonce: str) -> bytes:
    return hashlib.blake2b(nonce.encode(), digest_size=32, person=b"grv-retry").digest()


def _store_files(uploads: list[tuple[EncryptedUpload, str]], keep: bool) -> list[Any]:
    stored: list[Any] = []
    try:
        for upload, kind in uploads:
            stored.extend(evidence.finalise(upload, kind, keep))
    except Exception:
        _discard(stored, uploads)
        raise
    return stored


def _discard(stored: list[Any], uploads: list[tuple[EncryptedUpload, str]]) -> None:
    for item in stored:
        store.delete(item.stored_name)
    for upload, _kind in uploads:
        upload.discard()


def _record_files(report: Report, stored: list[Any]) -> None:
    public = bytes(report.public_key)
    EvidenceFile.objects.bulk_create(
        EvidenceFile(
            report=report,
            stored_name=item.stored_name,
            key_box=crypto.seal(public, item.key),
            meta_box=crypto.seal_json(public, item.meta),
            size=item.size,
        )
        for item in stored
    )


def existing_receipt(nonce: str) -> tuple[Report, str | None] | None:
    """A retried submit: the report it made, and its receipt while the retry window lasts."""
    report = Report.objects.filter(form_nonce=nonce_digest(nonce)).first()
    if report is None:
        return None
    receipt = None
    if report.retry_box and report.submitted_at > timezone.now() - RETRY_WINDOW:
        receipt = crypto.unlock(_retry_key(nonce), bytes(report.retry_box)).decode()
    return report, receipt


def submit_report(sub: Submission) -> tuple[Report, str | None]:
    """All or nothing; a second submit of the same form returns the first report."""
    again = existing_receipt(sub.nonce)
    if again is not None:
        _discard([], sub.uploads)
        return again
    stored = _store_files(sub.uploads, sub.keep_original)
    try:
        return _create_report(sub, stored)
    except IntegrityError:  # the same form, submitted twice at the same moment
        _discard(stored, [])
        again = existing_receipt(sub.nonce)
        if again is None:
            raise
        return again
    except Exception:
        _discard(stored, [])
        raise


@transaction.atomic
def _create_report(sub: Submission, stored: list[Any]) -> tuple[Report, str]:
    receipt = receipts.new_receipt()
    lookup, receipt_key = receipts.material(receipt)
    private, public = crypto.new_keypair()
    now = timezone.now()
    report = Report.objects.create(
        channel=sub.channel,
        lookup=lookup,
        form_nonce=nonce_digest(sub.nonce),
        public_key=public,
        receipt_box=crypto.lock(receipt_key, private),
        retry_box=crypto.lock(_retry_key(sub.nonce), receipt.encode()),
        answers_box=crypto.seal_json(public, sub.answers),
        identity_box=(
            crypto.seal_json(bytes(sub.channel.escrow_public_key), sub.identity)
            if sub.identity
            else b""
        ),
        country=sub.country,
        category=sub.category,
        consents=sub.consents,
        contact_by_email=sub.contact_by_email,
        submitted_at=now,
        due_at=now + timedelta(days=sub.channel.response_days),
    )
    assign(report, sub.channel, private)
    _record_files(report, stored)
    audit.record(
        Event.REPORT_RECEIVED,
        report,
        actor_label=COMPLAINANT,
        changes={"channel": sub.channel.slug, "files": len(stored)},
    )
    return report, receipt


def assign(report: Report, channel: Channel, private: bytes) -> Assignment:
    """Put the report in a channel: its key sealed to the channel's key and to its escrow key."""
    return Assignment.objects.create(
        report=report,
        channel=channel,
        escrow_box=crypto.seal(bytes(channel.escrow_public_key), private),
        reading_box=crypto.seal(bytes(channel.reading_key), private),
    )


def open_with_receipt(receipt: str) -> tuple[Report, bytes] | None:
    """The report and its private key, or None; the same work whether or not it exists."""
    lookup, key = receipts.material(receipt)
    report = Report.objects.filter(lookup=lookup).select_related("channel").first()
    if report is None:
        return None
    private = crypto.unlock(key, bytes(report.receipt_box))
    if report.retry_box:  # the receipt has been used: no more re-showing it
        Report.objects.filter(pk=report.pk).update(retry_box=b"")
    return report, private


@transaction.atomic
def complainant_writes(
    report: Report, nonce: str, text: str, uploads: list[tuple[EncryptedUpload, str]], keep: bool
) -> bool:
    """A message and/or files from the complainant; False when this form was already sent."""
    digest = nonce_digest(nonce)
    if Entry.objects.filter(nonce=digest).exists():
        _discard([], uploads)
        return False
    stored = _store_files(uploads, keep)
    try:
        public = bytes(report.public_key)
        Entry.objects.create(
            report=report,
            kind=Entry.Kind.FROM_COMPLAINANT,
            body_box=crypto.seal_json(public, {"text": text}),
            nonce=digest,
        )
        _record_files(report, stored)
        audit.record(
            Event.COMPLAINANT_WROTE,
            report,
            actor_label=COMPLAINANT,
            changes={"message": bool(text), "files": len(stored)},
        )
    except Exception:
        _discard(stored, [])
        raise
    return True
