"""The one public dataset of the equities register: yearly figures, never a vulnerability.

`vulnerability-statistics` gives its page (/vulnerability-statistics/), downloads, the API
(/api/v1/datasets/vulnerability-statistics) and `oversight export` through the portal.
"""

from django.utils.translation import gettext_lazy as _

from oversight.core.publication import Filter, Schema, headings, linked, present, register, same
from oversight.registry.models import Jurisdiction
from oversight.vulnerabilities.models import YearStatistics

statistics = register(
    Schema(
        name="vulnerability-statistics",
        title=_("Treatment of digital vulnerabilities"),
        description=_(
            "How each State's vulnerabilities equities process treated the vulnerabilities "
            "its agencies discovered, bought or were told of, by year: how many were "
            "recorded, disclosed to their vendors or restricted, the share disclosed, the "
            "median days to disclosure and the restrictions past their review date. A year "
            "is published once it is over. Counts from 1 to 4 are withheld, with whatever "
            "would let anyone work them out; no vulnerability is ever described."
        ),
        queryset=YearStatistics.objects.all,
        key="key",
        fields={
            "key": "key",
            "country": "jurisdiction__name",
            "country_code": "jurisdiction_id",
            **same("year recorded disclosed restricted awaiting share_disclosed"),
            **same("median_days_to_disclosure restrictions_past_review withheld as_of"),
        },
        labels=headings(country=_("State"), country_code=_("Country code")),
        filters=(
            Filter(
                "country",
                _("State"),
                "jurisdiction_id",
                choices=present(
                    Jurisdiction,
                    "code",
                    "name",
                    pk__in=YearStatistics.objects.values("jurisdiction_id"),
                ),
            ),
            Filter("year", _("Year"), "year", "int"),
        ),
        links=linked("jurisdictions", "jurisdiction_id", "country country_code"),
        list_fields=(
            "key",
            "country",
            "year",
            "recorded",
            "disclosed",
            "restricted",
            "share_disclosed",
            "median_days_to_disclosure",
            "restrictions_past_review",
        ),
        ordering=("jurisdiction_id", "-year"),
        licence="CC0-1.0",
    )
)
