"""`oversight import cases FILE --map column=field ...`: any case dataset, one row per victim.

The Pegasus cases (data/pegasus-victims.csv) import with
`--map name=victim_name --map role=victim_group --map operator=operator_country
--map sources=source_urls --map affiliation=victim_affiliation --map code_name=victim_code_name`.
Names go to the restricted identity table. Titles and summaries written for a
row come from the registry and the vocabulary, never from its free text; every
public text of a case is checked against the victims' names (`rules.restricted_names`,
applied by `actions`), and a row that carries one is refused, naming the column.
Dates may be partial: 2015, 2018-06-xx, 2018-06, 2018-06-23.
"""

import hashlib
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from oversight.core import importing
from oversight.core.importing import Row, RowError, Status
from oversight.monitoring import actions
from oversight.monitoring.vocabulary import (
    AffiliationType,
    AttackResult,
    AttackVector,
    CaseStatus,
    Mandate,
    NameBasis,
    Precision,
    Right,
    Verification,
    VictimGroup,
)
from oversight.registry import normalise
from oversight.registry.importers import link, text
from oversight.registry.models import Jurisdiction, Organisation, Technology

_PARTIAL = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2}|xx)(?:-(?P<d>\d{1,2}|xx))?)?", re.I)

GROUPS = {
    "journalist": VictimGroup.JOURNALIST,
    "human rights defender": VictimGroup.HUMAN_RIGHTS_DEFENDER,
    "lawyer": VictimGroup.LAWYER,
    "activist": VictimGroup.ACTIVIST,
    "politician": VictimGroup.POLITICIAN,
    "diplomat": VictimGroup.DIPLOMAT,
    "family": VictimGroup.FAMILY_MEMBER,
    "family member": VictimGroup.FAMILY_MEMBER,
    "staff": VictimGroup.CIVIL_SOCIETY_STAFF,
    "academic": VictimGroup.ACADEMIC,
    "clergy": VictimGroup.RELIGIOUS_LEADER,
    "royal": VictimGroup.ROYAL,
}
AFFILIATION_FOR_GROUP = {
    VictimGroup.JOURNALIST: AffiliationType.MEDIA,
    VictimGroup.HUMAN_RIGHTS_DEFENDER: AffiliationType.CIVIL_SOCIETY,
    VictimGroup.ACTIVIST: AffiliationType.CIVIL_SOCIETY,
    VictimGroup.CIVIL_SOCIETY_STAFF: AffiliationType.CIVIL_SOCIETY,
    VictimGroup.LAWYER: AffiliationType.LEGAL,
    VictimGroup.POLITICIAN: AffiliationType.POLITICAL,
    VictimGroup.DIPLOMAT: AffiliationType.GOVERNMENT,
    VictimGroup.ROYAL: AffiliationType.GOVERNMENT,
    VictimGroup.ACADEMIC: AffiliationType.ACADEMIC,
    VictimGroup.RELIGIOUS_LEADER: AffiliationType.RELIGIOUS,
    VictimGroup.FAMILY_MEMBER: AffiliationType.FAMILY,
}
VECTORS = {
    "zero-click": [AttackVector.ZERO_CLICK],
    "zero click": [AttackVector.ZERO_CLICK],
    "sms": [AttackVector.SMS],
    "whatsapp": [AttackVector.WHATSAPP],
    "link via whatsapp": [AttackVector.LINK, AttackVector.WHATSAPP],
    "link": [AttackVector.LINK],
    "mitm": [AttackVector.NETWORK_INJECTION],
    "network injection": [AttackVector.NETWORK_INJECTION],
    "email": [AttackVector.EMAIL],
    "e-mail": [AttackVector.EMAIL],
    "physical": [AttackVector.PHYSICAL],
}


def partial_date(row: Row, column: str) -> tuple[date | None, str]:
    """(date, precision): '2015' → 1 Jan 2015 'year'; '2018-06-xx' → 1 June 2018 'month'.

    Several dates ('2019; 2020': attacked more than once) give the earliest, or the
    latest for `last_activity`.
    """
    found = [_one_date(column, raw) for raw in items(row, column)]
    if not found:
        return None, Precision.DAY
    return max(found) if column == "last_activity" else min(found)


def _one_date(column: str, raw: str) -> tuple[date, str]:
    match = _PARTIAL.fullmatch(raw)
    if not match:
        raise RowError(
            f"{column}: expected a date such as 2018-06-23, 2018-06 or 2018, got {raw!r}"
        )
    month = match["m"] if match["m"] and match["m"].isdigit() else None
    day = match["d"] if month and match["d"] and match["d"].isdigit() else None
    precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    try:
        return date(int(match["y"]), int(month or 1), int(day or 1)), precision
    except ValueError:
        raise RowError(f"{column}: {raw!r} is not a date in the calendar") from None


def country_or_none(row: Row, column: str) -> str | None:
    raw = text(row, column)
    if not raw:
        return None
    try:
        code = normalise.country_code(raw)
    except ValueError:
        raise RowError(f"{column}: unknown country {raw!r}") from None
    if not Jurisdiction.objects.filter(pk=code).exists():
        raise RowError(f"{column}: {raw!r} ({code}) is not in the registry of jurisdictions")
    return code


def countries(row: Row, column: str) -> list[str]:
    """Several countries in one cell, split on ';' ('Mexico; El Salvador' → ['MX', 'SV']),
    each resolved; an unknown one refuses the row, naming the column and the name."""
    found: list[str] = []
    for name in items(row, column):
        code = country_or_none({column: name}, column)
        if code and code not in found:
            found.append(code)
    return found


def items(row: Row, column: str) -> list[str]:
    raw = row.get(column)
    values = raw if isinstance(raw, list) else re.split(r";\s*|\n", str(raw or ""))
    return [" ".join(str(v).split()) for v in values if str(v).strip()]


def codes(row: Row, column: str, allowed: Any) -> list[str]:
    values = items(row, column)
    unknown = [value for value in values if value not in allowed.values]
    if unknown:
        raise RowError(f"{column}: {', '.join(unknown)} not among {', '.join(allowed.values)}")
    return values


def _registry(model: Any, row: Row, column: str) -> Any:
    raw = text(row, column)
    if not raw:
        return None
    found = (
        model.objects.filter(slug=raw.lower()).first()
        or model.objects.filter(name__iexact=raw).first()
    )
    if found is None:
        raise RowError(f"{column}: {raw!r} is not in the registry")
    return found


def _result(row: Row) -> str:
    results = {value.lower() for value in items(row, "attack_result")}
    if "successful" in results:
        return AttackResult.SUCCESSFUL
    return AttackResult.ATTEMPTED if "attempted" in results else AttackResult.UNKNOWN


def _vectors(row: Row) -> list[str]:
    found: list[str] = []
    for value in items(row, "attack_vector"):
        for code in VECTORS.get(value.lower(), [AttackVector.OTHER]):
            if code not in found:
                found.append(code)
    return found


def _verification(row: Row) -> str:
    given = text(row, "verification").lower()
    if given:
        if given not in Verification.values:
            raise RowError(
                f"verification: {given!r} is not one of {', '.join(Verification.values)}"
            )
        return given
    if text(row, "forensics_by"):
        return Verification.CONFIRMED
    return Verification.CREDIBLE if text(row, "disclosed_by") else Verification.ALLEGED


class CasesImporter:
    kind = "cases"
    help = "Cases of surveillance-facilitated abuse, one row per victim (e.g. the Pegasus cases)"
    columns: Mapping[str, str] = {
        "external_id": "stable id (derived from the victim and dates when empty)",
        "title / summary": "written without names when empty",
        "country": "country concerned (default: the first operator_country)",
        "occurred, disclosed, first_activity, last_activity": "dates, may be partial: 2018-06-xx",
        "victim_name, victim_code_name, victim_affiliation": "restricted, never public",
        "victim_name_basis": "public_figure, consent or none (default)",
        "victim_group": "journalist, lawyer, activist, politician, staff, family, …",
        "victim_affiliation_type, victim_country": "public facts about the victim",
        "technology, vendor": "registry slug or name (e.g. pegasus, nso-group)",
        "operator_country, operator": "suspected operator States (split on ;) and agency",
        "attack_vector, exploit_name, attack_result": "'; '-separated where several",
        "verification, forensics_by, disclosed_by": "alleged, credible or confirmed",
        "source_urls, source_citation": "web addresses split on '; ', and a citation",
        "rights_affected, mandates, status": "codes; status draft or published (default)",
    }
    actor_label = "import cases"

    def import_row(self, row: Row) -> Status:
        values, victim, identity = self._case(row), self._victim(row), self._identity(row)
        sources = [{"citation": "", "url": url, "accessed_on": None} for url in self._urls(row)]
        if text(row, "source_citation"):
            sources.append(
                {"citation": text(row, "source_citation", 500), "url": "", "accessed_on": None}
            )
        if not values["title"]:
            values["title"] = self._title(values, victim["group"])
        if not values["summary"]:
            values["summary"] = self._summary(values, victim)
        status = text(row, "status").lower() or CaseStatus.PUBLISHED
        if status not in (CaseStatus.DRAFT, CaseStatus.PUBLISHED):
            raise RowError(f"status: expected draft or published, got {status!r}")
        external_id = text(row, "external_id", 200) or self._derived_id(row, identity)
        return actions.upsert_case(
            external_id,
            values,
            [(victim, identity)],
            sources,
            actor_label=self.actor_label,
            on_create={"status": status},
        )[1]

    def _case(self, row: Row) -> dict[str, Any]:
        values: dict[str, Any] = {
            "title": text(row, "title", 300),
            "summary": str(row.get("summary") or "").strip(),
        }
        for name in ("occurred", "disclosed", "first_activity", "last_activity"):
            values[name], values[f"{name}_precision"] = partial_date(row, name)
        operators = countries(row, "operator_country")
        technology = _registry(Technology, row, "technology")
        vendor = _registry(Organisation, row, "vendor") or (
            technology.vendor if technology else None
        )
        values.update(
            country_id=country_or_none(row, "country") or next(iter(operators), None),
            operator_countries=operators,
            operator=text(row, "operator", 300),
            technology_id=technology.pk if technology else None,
            product=text(row, "product", 200) or (technology.name if technology else ""),
            vendor_id=vendor.pk if vendor else None,
            attack_vectors=_vectors(row),
            exploit=text(row, "exploit_name", 200),
            attack_result=_result(row),
            verification=_verification(row),
            forensics_by=text(row, "forensics_by", 200),
            disclosed_by=text(row, "disclosed_by", 200),
            rights_affected=codes(row, "rights_affected", Right),
            mandates=codes(row, "mandates", Mandate),
            victim_count=1,
            dataset=text(row, "dataset", 100),
        )
        if "technology" not in row and "vendor" not in row:  # a file without them keeps ours
            for name in ("technology_id", "vendor_id", "product", "dataset"):
                if not values[name]:
                    del values[name]
        return values

    @staticmethod
    def _victim(row: Row) -> dict[str, Any]:
        reported = text(row, "victim_group", 200)
        group = GROUPS.get(
            reported.lower(), VictimGroup.OTHER if reported else VictimGroup.UNKNOWN
        )
        kind = text(row, "victim_affiliation_type").lower()
        if kind and kind not in AffiliationType.values:
            allowed = ", ".join(AffiliationType.values)
            raise RowError(f"victim_affiliation_type: {kind!r} is not one of {allowed}")
        kind = kind or AFFILIATION_FOR_GROUP.get(group, AffiliationType.UNKNOWN)
        return {
            "group": group,
            "group_as_reported": reported,
            "affiliation_type": kind,
            "country_id": country_or_none(row, "victim_country"),
        }

    @staticmethod
    def _identity(row: Row) -> dict[str, Any]:
        basis = text(row, "victim_name_basis").lower() or NameBasis.NONE
        if basis not in NameBasis.values:
            raise RowError(
                f"victim_name_basis: {basis!r} is not one of {', '.join(NameBasis.values)}"
            )
        return {
            "name": text(row, "victim_name", 300),
            "code_name": text(row, "victim_code_name", 200),
            "affiliation": text(row, "victim_affiliation", 300),
            "basis": basis,
            "basis_note": "",
        }

    @staticmethod
    def _urls(row: Row) -> list[str]:
        return [link("source_urls", n, raw) for n, raw in enumerate(items(row, "source_urls"), 1)]

    @staticmethod
    def _title(values: dict[str, Any], group: str) -> str:
        """From the registry and the vocabulary only: a generated text copies no free text."""
        pk = values.get("technology_id")
        technology = Technology.objects.filter(pk=pk).first() if pk else None
        what = technology.name if technology else "Spyware"
        who = VictimGroup(group).label.lower() if group != VictimGroup.UNKNOWN else "a person"
        year = values["disclosed"].year if values["disclosed"] else None
        article = "" if who == "a person" else ("an " if who[0] in "aeiou" else "a ")
        title = f"{what} used against {article}{who}"
        return f"{title}, disclosed {year}" if year else title

    @staticmethod
    def _summary(values: dict[str, Any], victim: dict[str, Any]) -> str:
        vectors = ", ".join(str(AttackVector(v).label).lower() for v in values["attack_vectors"])
        result = str(AttackResult(values["attack_result"]).label).lower()
        parts = [f"{AffiliationType(victim['affiliation_type']).label}: {result}"]
        if vectors:
            parts.append(f"through {vectors}")
        parts.append(str(Verification(values["verification"]).label).lower())
        return "; ".join(parts) + "."

    @staticmethod
    def _derived_id(row: Row, identity: dict[str, Any]) -> str:
        basis = "|".join(
            [
                identity["name"],
                identity["code_name"],
                text(row, "occurred"),
                text(row, "disclosed"),
            ]
        )
        return "case-" + hashlib.sha256(basis.encode()).hexdigest()[:20]


importing.register(CasesImporter())
