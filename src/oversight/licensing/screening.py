"""Gather the facts the pure screening rules need, and run them (reads only).

Red-flag candidates come from the monitoring cases (the suspected operator of each
published case) and from unresolved substantiated misuse reports (their end user).
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from oversight.companies.models import MisuseReport
from oversight.companies.rules import ungp_compliance
from oversight.licensing import catch_all, rules
from oversight.licensing.models import Application, GoodsLine, Party
from oversight.monitoring.models import Case
from oversight.registry.models import Jurisdiction, Organisation

SCREENED_ROLES = (Party.Role.END_USER, Party.Role.ULTIMATE_END_USER)


def state_facts(state: Jurisdiction) -> rules.State:
    return rules.State(
        code=state.code,
        name=state.name,
        wassenaar_participant=state.wassenaar_participant,
        moratorium_in_force=state.moratorium_in_force,
        moratorium_scope=tuple(state.moratorium_scope or ()),
        moratorium_since=state.moratorium_since,
        safeguards_certified=state.safeguards_status == Jurisdiction.Safeguards.CERTIFIED,
    )


def line_facts(
    lines: Iterable[GoodsLine], caught: Mapping[int, str] | None = None
) -> list[rules.Line]:
    return [
        rules.Line(
            number=line.number,
            technology=line.technology.name,
            category=line.technology.category,
            privately_developed=line.technology.privately_developed,
            encryption_only=line.technology.encryption_only,
            catch_all=(caught or {}).get(line.number, ""),
        )
        for line in lines
    ]


def _state_names(codes: Iterable[str]) -> dict[str, str]:
    return dict(Jurisdiction.objects.filter(pk__in=set(codes)).values_list("code", "name"))


def case_candidates() -> list[rules.Candidate]:
    published = Case.objects.published().exclude(operator="")
    rows = list(published.only("pk", "title", "operator", "operator_countries"))
    names = _state_names(code for case in rows for code in case.operator_countries)
    candidates = []
    for case in rows:
        states = "; ".join(names[code] for code in case.operator_countries if code in names)
        where = f" ({states})" if states else ""
        source = _("monitoring case “%(title)s”, suspected operator%(where)s") % {
            "title": case.title,
            "where": where,
        }
        url = reverse("portal:record", args=["cases", str(case.pk)])
        candidates.append(rules.Candidate(case.operator, (), url, source))
    return candidates


def misuse_candidates() -> list[rules.Candidate]:
    rows = MisuseReport.objects.unresolved_substantiated().select_related("end_user", "company")
    candidates = []
    for report in rows:
        name = report.end_user.name if report.end_user else report.end_user_text
        if not name.strip():
            continue
        aliases = tuple(report.end_user.aliases) if report.end_user else ()
        source = _("substantiated misuse report #%(id)d against %(company)s") % {
            "id": report.pk,
            "company": report.company.name,
        }
        candidates.append(rules.Candidate(name, aliases, "", source))
    return candidates


def operator_states() -> dict[str, rules.OperatorState]:
    """Each State suspected of operating a tool in a published case, with its number of
    cases (a case counts once for each of its States) and the newest case's page."""
    rows = list(
        Case.objects.published()
        .exclude(operator_country=None)
        .values_list("operator_countries", "pk")
        .order_by("-pk")
    )
    names = _state_names(code for codes, _pk in rows for code in codes)
    states: dict[str, rules.OperatorState] = {}
    for codes, pk in rows:
        for code in codes:
            seen = states.get(code)
            url = seen.url if seen else reverse("portal:record", args=["cases", str(pk)])
            count = (seen.cases if seen else 0) + 1
            states[code] = rules.OperatorState(code, names.get(code, code), count, url)
    return dict(sorted(states.items()))


def government_end_users(parties: Sequence[Party]) -> list[tuple[str, str, str]]:
    """End users that are the State: declared government, or a government agency on file."""
    return [
        (party.role, party.name, party.jurisdiction_id)
        for party in parties
        if party.role in SCREENED_ROLES
        and (
            party.kind == Party.Kind.GOVERNMENT
            or (party.organisation and party.organisation.kind == Organisation.Kind.AGENCY)
        )
    ]


def candidates() -> list[rules.Candidate]:
    return [*case_candidates(), *misuse_candidates()]


def screened_parties(parties: Sequence[Party]) -> list[tuple[str, str]]:
    return [(party.role, party.name) for party in parties if party.role in SCREENED_ROLES]


def transit_states(app: Application) -> list[Jurisdiction]:
    """The transit countries of the application, in the order the applicant gave them."""
    rows = {row.code: row for row in Jurisdiction.objects.filter(pk__in=app.transit or [])}
    return [rows[code] for code in app.transit or [] if code in rows]


def moratorium_check(app: Application) -> rules.Check:
    """The moratorium rule alone, on the application's route as it stands today."""
    lines = app.lines.select_related("technology").order_by("number")
    destination = state_facts(app.destination) if app.destination else None
    return rules.moratorium(
        state_facts(app.exporting_jurisdiction),
        line_facts(lines),
        destination=destination,
        transit=[state_facts(row) for row in transit_states(app)],
        servicing=app.servicing,
    )


def run(app: Application, today: date) -> list[rules.Check]:
    """Every screening rule on the application as it stands, in the order they are shown."""
    lines = list(app.lines.select_related("technology").order_by("number"))
    parties = list(app.parties.select_related("organisation"))
    facts = line_facts(lines, catch_all.caught_lines(app, lines))
    state = state_facts(app.exporting_jurisdiction)
    destination = state_facts(app.destination) if app.destination else None
    transit = [state_facts(row) for row in transit_states(app)]
    technologies = {line.technology_id: line.technology for line in lines}.values()
    moratorium = rules.moratorium(
        state, facts, destination=destination, transit=transit, servicing=app.servicing
    )
    red_flags = rules.end_user_red_flags(
        screened_parties(parties),
        candidates(),
        state_matches=rules.operator_state_matches(
            government_end_users(parties), operator_states()
        ),
    )
    bars = rules.research_bars(
        facts,
        [name for _role, name, _country in government_end_users(parties)],
        moratorium,
        red_flags,
    )
    return [
        rules.research_safe_harbour(
            app.research_transfer,
            app.research_purpose,
            app.research_description,
            bars=bars,
            refused=app.research_refusal,
        ),
        rules.encryption_exemption(facts),
        *([rules.catch_all(facts)] if any(line.catch_all for line in facts) else []),
        moratorium,
        rules.wassenaar(state),
        rules.ungp(
            ungp_compliance(
                app.exporter, technologies, today=today, destination=app.destination_id
            )
        ),
        red_flags,
    ]
