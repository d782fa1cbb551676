"""Importers for registry kinds: `transfers` (SII), `uk-licences`, `control-entries`.

Each `import_row` normalises one row, raises `RowError` naming the column and the
problem, and writes through `registry.actions`, so an unchanged row writes nothing.
"""

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from oversight.core import importing
from oversight.core.importing import Row, RowError, Status
from oversight.core.validators import too_long
from oversight.registry import actions, normalise
from oversight.registry.models import ControlEntry, Jurisdiction, Organisation

_YES = {"1", "yes", "y", "true"}
_NO = {"0", "no", "n", "false"}
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"“”]+")
_BARE_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/\S*$", re.IGNORECASE)
_validate_url = URLValidator(schemes=["http", "https"])
MAX_LINK_LENGTH = 1000


def text(row: Row, column: str, max_length: int | None = None) -> str:
    """The column's text, white space tidied; longer than `max_length` is refused, not cut."""
    value = row.get(column)
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise RowError(f"{column}: expected text, got {type(value).__name__}")
    squashed = importing.squash(str(value))
    if max_length is not None and len(squashed) > max_length:
        raise RowError(f"{column}: {too_long(max_length, len(squashed))}")
    return squashed


def required(row: Row, column: str, max_length: int | None = None) -> str:
    value = text(row, column, max_length)
    if not value:
        raise RowError(f"{column}: missing")
    return value


def country(row: Row, column: str, known: set[str] | None = None) -> str:
    """The ISO code of the (first) country named in `column`; it must be in the registry.
    `known`: codes already found there in this transaction (found ones are added)."""
    raw = required(row, column)
    try:
        codes = normalise.country_codes(raw)
    except ValueError as exc:
        raise RowError(f"{column}: {exc}") from None
    if not codes:
        raise RowError(f"{column}: missing")
    if known is not None and codes[0] in known:
        return codes[0]
    if Jurisdiction.objects.filter(pk=codes[0]).exists():
        if known is not None:
            known.add(codes[0])
    else:
        raise RowError(f"{column}: {raw!r} ({codes[0]}) is not in the registry of jurisdictions")
    return codes[0]


def text_list(row: Row, column: str) -> list[str]:
    """A list as JSON gives it, or as a CSV cell (a JSON list, or items split by ; or ,)."""
    value = row.get(column)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        if value.lstrip().startswith("["):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise RowError(f"{column}: not a valid JSON list") from None
        else:
            value = re.split(r"[;,\n]" if column == "goods" else r"[;\s]+", value)
    if not isinstance(value, list):
        raise RowError(f"{column}: expected a list, got {type(value).__name__}")
    return [
        " ".join(str(item).split()) for item in value if item is not None and str(item).strip()
    ]


def choice(row: Row, column: str, mapping: dict[str, str], default: str) -> str:
    raw = text(row, column)
    if not raw:
        return default
    try:
        return mapping[raw.lower()]
    except KeyError:
        allowed = ", ".join(sorted({key for key in mapping if " " not in key}))
        raise RowError(f"{column}: {raw!r} is not one of {allowed}") from None


def flag(row: Row, column: str) -> bool:
    raw = text(row, column).lower()
    if raw in _YES:
        return True
    if raw in _NO or not raw:
        return False
    raise RowError(f"{column}: expected 1 or 0 (yes or no), got {raw!r}")


def link(column: str, number: int, raw: str) -> str:
    """A web address; 'www.…' gains http://, a citation with a URL inside gives that URL."""
    candidate = raw.replace(" ", "%20")  # a few published links carry a literal space
    if raw.lower().startswith("www.") or _BARE_HOST.match(raw):
        candidate = "http://" + candidate
    elif not raw.lower().startswith(("http://", "https://")):
        found = _URL_IN_TEXT.search(raw)
        candidate = found.group(0).rstrip(".,;)>") if found else ""
    if len(candidate) > MAX_LINK_LENGTH:
        raise RowError(f"{column}: item {number}: {too_long(MAX_LINK_LENGTH, len(candidate))}")
    try:
        _validate_url(candidate)
    except ValidationError:
        raise RowError(f"{column}: item {number} is not a web address: {raw[:80]!r}") from None
    return candidate


def year(row: Row, column: str) -> tuple[int | None, str]:
    """(year, as reported) — text like 'mid-2000s' is kept as reported with no exact year."""
    value = row.get(column)
    raw = "" if value is None else " ".join(str(value).split())
    if not raw:
        return None, ""
    if re.fullmatch(r"\d{4}(\.0)?", raw):
        number = int(float(raw))
        if not 1900 <= number <= date.today().year + 1:
            raise RowError(f"{column}: {number} is not a plausible year")
        return number, ""
    if re.search(r"\d{4}", raw) and len(raw) <= 50:
        return None, raw
    raise RowError(f"{column}: expected a year such as 2015, got {raw[:50]!r}")


class TransfersImporter:
    kind = "transfers"
    help = "Surveillance Industry Index transfers (Privacy International), JSON or CSV"
    columns: Mapping[str, str] = {
        "unique_id": "stable external id (derived from the other columns when empty)",
        "title": "what happened, e.g. 'Semptian Sales to Algeria'",
        "supplier_company": "supplier as reported (may be empty)",
        "company_name": "supplier's usual name (preferred when given)",
        "supplier_company_hq": "supplier's country (first of a comma-separated list)",
        "recipient_country": "recipient country (required)",
        "enduser": "end user, e.g. 'Ministry of Interior' (optional)",
        "goods": "list of goods as reported; normalised to categories",
        "order_year": "year ordered (text such as 'mid-2000s' kept as reported)",
        "transfer_to_enduser_reported_as_complete": "Yes, No or Unknown",
        "export_data_or_open_source": "'Export data' or 'Open'",
        "sources": "citation text",
        "source_links": "list of web addresses",
    }
    actor_label = "import transfers"
    COMPLETED = {"yes": "yes", "no": "no", "unknown": "unknown"}
    BASIS = {
        "open": "open_source",
        "open source": "open_source",
        "open_source": "open_source",
        "export data": "export_data",
        "export_data": "export_data",
        "official": "official",
    }

    def import_row(self, row: Row) -> Status:
        recipient = country(row, "recipient_country")
        supplier_hq = (
            country(row, "supplier_company_hq") if text(row, "supplier_company_hq") else None
        )
        supplier = self._supplier(row, supplier_hq)
        goods = text_list(row, "goods")
        order_year, year_text = year(row, "order_year")
        links = [
            link("source_links", n, raw) for n, raw in enumerate(text_list(row, "source_links"), 1)
        ]
        title = text(row, "title", 300) or f"{supplier or '?'} → {recipient}"
        values: dict[str, Any] = {
            "title": title,
            "supplier_id": supplier.pk if supplier else None,
            "supplier_jurisdiction_id": supplier_hq,
            "supplier_country_text": text(row, "supplier_company_hq", 200),
            "recipient_jurisdiction_id": recipient,
            "recipient_country_text": text(row, "recipient_country", 200),
            "end_user_id": self._end_user(row, recipient),
            "end_user_text": text(row, "enduser", 300),
            "goods": goods,
            "categories": normalise.categories_for_goods(goods),
            "year": order_year,
            "year_text": year_text,
            "completed": choice(
                row, "transfer_to_enduser_reported_as_complete", self.COMPLETED, "unknown"
            ),
            "basis": choice(row, "export_data_or_open_source", self.BASIS, "open_source"),
            "sources": str(row.get("sources") or "").strip(),
            "source_links": links,
            "dataset": "sii",
        }
        external_id = text(row, "unique_id", 200) or self._derived_id(values)
        return actions.upsert_transfer(external_id, values, actor_label=self.actor_label)[1]

    def _supplier(self, row: Row, hq: str | None) -> Organisation | None:
        reported = text(row, "supplier_company", 300)
        name = text(row, "company_name", 300) or reported
        if not name:
            return None
        aliases = [reported] if reported and reported != name else []
        values = {"name": name, "kind": "company", "jurisdiction_id": hq, "aliases": aliases}
        return actions.ensure_organisation(_slug(name), values, actor_label=self.actor_label)

    def _end_user(self, row: Row, recipient: str) -> int | None:
        name = text(row, "enduser", 300)
        if not name or name.lower().startswith("unknown"):
            return None
        values = {"name": name, "kind": "end_user", "jurisdiction_id": recipient}
        slug = _slug(f"{name} {recipient}")
        return actions.ensure_organisation(slug, values, actor_label=self.actor_label).pk

    @staticmethod
    def _derived_id(values: dict[str, Any]) -> str:
        basis = "|".join(
            str(values[key])
            for key in ("supplier_id", "recipient_jurisdiction_id", "year", "year_text", "title")
        )
        return "sii-" + hashlib.sha256(basis.encode()).hexdigest()[:16]


def _slug(name: str) -> str:
    slug = slugify(name)[:180].strip("-")
    return slug or "org-" + hashlib.sha256(name.encode()).hexdigest()[:12]


class UkLicencesImporter:
    kind = "uk-licences"
    help = "UK strategic export licence statistics (CAAT compilation of UK SECD data), CSV"
    columns: Mapping[str, str] = {
        "licence_group": "licence group number",
        "date": "date decided, YYYY-MM-DD",
        "rating": "control-list rating, e.g. 5A002 or ML10 (normalised)",
        "count": "number of licences (default 1)",
        "value": "value in GBP (empty when refused)",
        "country": "destination country",
        "refused": "1 refused, 0 issued",
    }
    actor_label = "import uk-licences"

    def __init__(self) -> None:
        # Destinations found in the registry since the last batch was written: one
        # query a country and batch instead of one a row. Emptied by `write_batch`, so
        # it never outlives the batch's transaction.
        self._known: set[str] = set()

    def import_row(self, row: Row) -> Status:
        return self.write_batch([self.prepare(row)])[0]

    def prepare(self, row: Row) -> tuple[str, str, dict[str, Any]]:
        """(external id, rating, values): the row checked, nothing written."""
        group = required(row, "licence_group", 50)
        try:
            rating = normalise.control_code(required(row, "rating"))
        except ValueError as exc:
            raise RowError(f"rating: {exc}") from None
        destination = country(row, "country", self._known)
        values = {
            "dataset": "uk-export-licences",
            "licensing_jurisdiction_id": "GB",
            "licence_group": group,
            "decided_on": self._date(row),
            "destination_id": destination,
            "destination_text": text(row, "country", 200),
            "count": self._count(row),
            "value": self._value(row),
            "currency": "GBP",
            "refused": flag(row, "refused"),
        }
        return f"uk-{group}-{rating}-{destination}", rating, values

    def write_batch(self, prepared: list[tuple[str, str, dict[str, Any]]]) -> list[Status]:
        """Write checked rows at once: one read for their control entries and one for
        the statistics, bulk writes (`actions.upsert_licence_statistics`)."""
        self._known.clear()
        ratings = sorted({rating for _id, rating, _values in prepared})
        entries = dict(ControlEntry.objects.filter(code__in=ratings).values_list("code", "pk"))
        for rating in ratings:
            if rating not in entries:
                entry = actions.ensure_control_entry(rating, actor_label=self.actor_label)
                entries[rating] = entry.pk
        items = [
            (external_id, {**values, "control_entry_id": entries[rating]})
            for external_id, rating, values in prepared
        ]
        return actions.upsert_licence_statistics(items, actor_label=self.actor_label)

    @staticmethod
    def _date(row: Row) -> date:
        raw = required(row, "date")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise RowError(f"date: expected YYYY-MM-DD, got {raw!r}") from None

    @staticmethod
    def _count(row: Row) -> int:
        raw = text(row, "count") or "1"
        if not raw.isdigit() or int(raw) < 1:
            raise RowError(f"count: expected a whole number of at least 1, got {raw!r}")
        return int(raw)

    @staticmethod
    def _value(row: Row) -> Decimal | None:
        raw = text(row, "value").replace(",", "").lstrip("£")
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise RowError(f"value: expected an amount in GBP, got {raw!r}") from None
        if not value.is_finite() or value < 0 or value >= Decimal(10) ** 14:
            raise RowError(f"value: {raw!r} is out of range")
        return value.quantize(Decimal("0.01"))


class ControlEntriesImporter:
    kind = "control-entries"
    help = "Control-list entries (ratings), e.g. the UK ratings.csv"
    columns: Mapping[str, str] = {
        "rating": "code, e.g. 5A002 (normalised to 5.A.2), ML10, PL5017",
        "military": "1 for the military list, else 0",
        "short_description": "short description",
        "full_description": "full description",
    }
    actor_label = "import control-entries"

    def import_row(self, row: Row) -> Status:
        try:
            code = normalise.control_code(required(row, "rating"))
        except ValueError as exc:
            raise RowError(f"rating: {exc}") from None
        values = {
            "military": flag(row, "military"),
            "short_description": text(row, "short_description", 300),
            "description": str(row.get("full_description") or "").strip(),
        }
        return actions.upsert_control_entry(code, values, actor_label=self.actor_label)[1]


importing.register(TransfersImporter())
importing.register(UkLicencesImporter())
importing.register(ControlEntriesImporter())
