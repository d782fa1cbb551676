"""Decrypting a report for display, to its complainant or a handler."""

from typing import Any

from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from oversight.core import downloads
from oversight.grievances import crypto, store
from oversight.grievances.models import Entry, Outcome, RemedyKind, RemedyStatus, Report, Status


def _text(private: bytes, box: Any) -> str:
    return str(crypto.unseal_json(private, bytes(box)).get("text", "")) if box else ""


def describe(step: dict[str, Any]) -> str:
    """A handling step in plain words, in the reader's language."""
    kind, status = step.get("step"), str(step.get("status", ""))
    if kind == "routed":
        return _("Shared with %(channel)s, as you agreed.") % {"channel": step.get("channel")}
    if kind == "remedy":
        return _("Remedy: %(kind)s. %(status)s.") % {
            "kind": RemedyKind(step["kind"]).label,
            "status": RemedyStatus(status).label,
        }
    if status == Status.ADMISSIBLE:
        return _("Accepted for investigation. The answer is due by %(due)s.") % {
            "due": step.get("due")
        }
    if status == Status.CLOSED and step.get("outcome"):
        return _("Closed. Outcome: %(outcome)s.") % {"outcome": Outcome(step["outcome"]).label}
    return str(Status(status).label) + "."


def _body(private: bytes, entry: Entry) -> str:
    if entry.kind == Entry.Kind.STEP:
        return describe(crypto.unseal_json(private, bytes(entry.body_box)))
    return _text(private, entry.body_box)


def files_of(report: Report, private: bytes) -> list[dict[str, Any]]:
    return [
        {"pk": f.pk, "created_at": f.created_at} | crypto.unseal_json(private, bytes(f.meta_box))
        for f in report.files.order_by("created_at", "pk")
    ]


def timeline(report: Report, private: bytes, *, staff: bool) -> list[dict[str, Any]]:
    entries = report.entries.select_related("author")
    if not staff:
        entries = entries.exclude(kind=Entry.Kind.NOTE)
    return [
        {
            "kind": e.kind,
            "label": e.get_kind_display(),
            "author": e.author.get_username() if staff and e.author else "",
            "at": e.created_at,
            "text": _body(private, e),
        }
        for e in entries
    ]


def remedies_of(report: Report, private: bytes) -> list[dict[str, Any]]:
    return [
        {"pk": r.pk, "kind": r.get_kind_display(), "status": r.get_status_display(),
         "status_value": r.status, "text": _text(private, r.detail_box)}
        for r in report.remedies.order_by("created_at", "pk")
    ]  # fmt: skip


def status_context(report: Report, private: bytes) -> dict[str, Any]:
    return {
        "report": report,
        "answers": crypto.unseal_json(private, bytes(report.answers_box)),
        "timeline": timeline(report, private, staff=False),
        "remedies": remedies_of(report, private),
        "files": files_of(report, private),
    }


def file_response(stored_name: str, key: bytes, meta: dict[str, Any]) -> StreamingHttpResponse:
    """An evidence file as an inert download, named by the type we sniffed, not the sender."""
    response = StreamingHttpResponse(store.read_decrypted(stored_name, key))
    name = downloads.safe_name(str(meta.get("name") or ""), str(meta.get("type")), "evidence")
    downloads.inert(response, name)
    response["Cache-Control"] = "no-store"
    return response
