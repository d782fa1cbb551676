"""The OCDS release and record packages at /data/ocds/ (public, no JavaScript)."""

from django.http import HttpRequest, JsonResponse

from oversight.procurement import ocds


def releases(request: HttpRequest) -> JsonResponse:
    package = ocds.release_package(request.build_absolute_uri())
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})


def records(request: HttpRequest) -> JsonResponse:
    package = ocds.record_package(request.build_absolute_uri())
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})
