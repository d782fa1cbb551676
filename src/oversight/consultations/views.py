"""Public pages: the consultations, each with its notice, a comment form and, after the
close, the accepted comments and the officer's responses. They work with JavaScript off."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oversight.consultations import access, actions, rules
from oversight.consultations.forms import CommentForm
from oversight.consultations.models import Consultation
from oversight.consultations.publication import consultations as schema
from oversight.core import downloads
from oversight.core.downloads import safe_name
from oversight.core.serialise import CONTENT_TYPES, write_rows

PAGE_SIZE = 50


def _download(fmt: str) -> StreamingHttpResponse:
    """The public dataset, as the generic /<dataset>/?format= would give it."""
    response = StreamingHttpResponse(
        write_rows(schema.fields, schema.rows(), fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{schema.name}.{fmt}"'
    return response


def consultation_list(request: HttpRequest) -> HttpResponseBase:
    fmt = request.GET.get("format", "")
    if fmt in CONTENT_TYPES:
        return _download(fmt)
    now = timezone.now()
    open_now = Consultation.objects.open(now).order_by("closes_at", "pk")
    others = Consultation.objects.exclude(pk__in=open_now.values("pk")).order_by("-closes_at")
    page = Paginator(others, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"open": list(open_now), "page": page, "now": now, "formats": CONTENT_TYPES}
    return render(request, "consultations/list.html", context)


def _context(consultation: Consultation, form: CommentForm) -> dict[str, Any]:
    now = timezone.now()
    return {
        "consultation": consultation,
        "taking": rules.taking_comments(consultation, now),
        "opens": rules.when(consultation.opens_at),
        "closes": rules.when(consultation.closes_at),
        "closed": rules.when(consultation.closed_at) if consultation.closed_at else "",
        "form": form,
        "withheld": list(consultation.comments.withheld().only("pk", "rejection_reason")),
        "comments": access.published_comments(consultation),
    }


@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, reference: str) -> HttpResponse:
    consultation = get_object_or_404(Consultation, reference=reference.upper())
    if request.method != "POST":
        return render(request, "consultations/detail.html", _context(consultation, CommentForm()))
    form = CommentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = actions.submit_comment(
                consultation,
                name=data["name"],
                stakeholder_type=data["stakeholder_type"],
                text=data["text"],
                files=data["attachments"],
                idempotency_key=data["idempotency_key"],
            )
        except ValidationError as error:
            form.attach_errors(error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: your comment #%(id)d was received. It is "
                    "published after the consultation closes, unless withheld "
                    "for abuse, in which case the reason is shown here."
                )
                % {"id": comment.pk},
            )
            return redirect("consultations:detail", reference=consultation.reference)
    context = _context(consultation, form)
    return render(request, "consultations/detail.html", context, status=400)


def attachment(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """A file of a published comment; nothing of a pending or withheld one."""
    row = access.published_attachment(reference, pk)
    if row is None:
        raise Http404
    response = FileResponse(row.file.open("rb"))
    downloads.inert(response, safe_name(row.original_name, row.content_type, "attachment"))
    return response
