"""The audit log as a transparency log, over the API: the signed checkpoint, consistency
proofs between two of its sizes, and what this instance witnessed of other logs.

Mounted before the generic dataset paths, which would otherwise match these.
"""

import base64
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from oversight.core import tlog
from oversight.core.api import ErrorOut
from oversight.portal import transparency

router = Router()

WHOLE = "0123456789"
TEXT = {"200": {"content": {"text/plain": {"schema": {"type": "string"}}}}}


class ProofOut(Schema):
    """RFC 9162 consistency proof: the tree of size `to` extends the tree of size `from`."""

    from_size: int
    to_size: int
    from_root: str
    to_root: str
    proof: list[str]


class ForkOut(Schema):
    detected_at: str
    reason: str
    seen: str
    found: str


class WitnessedOut(Schema):
    url: str
    origin: str
    key: str
    size: int | None
    root: str
    checkpoint: str
    cosigned_at: int | None
    checked_at: str | None
    forked: bool
    forks: list[ForkOut]


class WitnessOut(Schema):
    name: str
    key: str
    logs: list[WitnessedOut]


@router.get(
    "/transparency/log/checkpoint", tags=["transparency"], openapi_extra={"responses": TEXT}
)
def log_checkpoint(request: HttpRequest) -> HttpResponse:
    """The published checkpoint as a signed note (c2sp.org/tlog-checkpoint), with the
    cosignatures its witnesses made of it (c2sp.org/tlog-cosignature). Its key is at
    /transparency/key."""
    body = transparency.cosigned_note(transparency.signed_head())
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def _size(request: HttpRequest, name: str, top: int, beyond: str) -> int:
    text = request.GET.get(name, "")
    if not text or len(text) > 18 or any(ch not in WHOLE for ch in text):
        raise ValidationError({name: [f"expected a tree size, a whole number, got “{text}”"]})
    if int(text) > top:
        raise ValidationError({name: [f"{name} is {text}, but {beyond} is {top}"]})
    return int(text)


@router.get(
    "/transparency/log/proof",
    response={200: ProofOut, 422: ErrorOut},
    tags=["transparency"],
    openapi_extra={
        "parameters": [
            {"name": n, "in": "query", "required": True, "schema": {"type": "integer"}}
            for n in ("from", "to")
        ]
    },
)
def log_proof(request: HttpRequest) -> dict[str, Any]:
    """What a client needs to check that checkpoint `to` extends checkpoint `from` (tree
    sizes, 0 ≤ from ≤ to ≤ the published size): the RFC 9162 consistency proof, base64.
    Check it against the roots *you* recorded, not the ones given here."""
    top = transparency.public_head().count
    to = _size(request, "to", top, "the size of the published checkpoint")
    old = _size(request, "from", to, "to")
    found = tlog.proof(old, to)

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return {
        "from_size": old,
        "to_size": to,
        "from_root": b64(found.old_root),
        "to_root": b64(found.new_root),
        "proof": [b64(node) for node in found.nodes],
    }


@router.get("/transparency/witness", response=WitnessOut, tags=["transparency"])
def witness(request: HttpRequest) -> dict[str, Any]:
    """What this instance witnessed: each log's latest checkpoint that it cosigned (the
    log's note with this witness's cosignature line), and every fork it caught, with both
    signed checkpoints as evidence."""
    return transparency.witness_publication()
