"""Records that `oversight demo_registry` creates beside the imported real data.

The technologies are real and well documented in public reporting; the control-list
entries are the ones such items fall under in Wassenaar numbering, given here for the
demo, not a regulator's ruling. Everything whose name says "(demo)" or "(draft)" is
fictional; other apps' demo users and tests rely on those exact slugs.
"""

from collections import Counter
from typing import Any

from django.db import transaction

from oversight.registry import actions
from oversight.registry.models import Organisation

Record = tuple[str, dict[str, Any]]

# Vendors of the technologies below; the SII import may already have created some.
VENDORS: list[Record] = [
    ("nso-group", {"name": "NSO Group", "kind": "company", "jurisdiction_id": "IL",
                   "website": "https://www.nsogroup.com/"}),
    ("gamma-group", {"name": "Gamma Group", "kind": "company", "jurisdiction_id": "GB",
                     "aliases": ["Gamma International, FinFisher", "FinFisher"]}),
    ("intellexa", {"name": "Intellexa", "kind": "company", "jurisdiction_id": "GR",
                   "aliases": ["Intellexa Alliance"]}),
    ("hacking-team", {"name": "Hacking Team", "kind": "company", "jurisdiction_id": "IT",
                      "aliases": ["Memento Labs"]}),
    ("cellebrite", {"name": "Cellebrite", "kind": "company", "jurisdiction_id": "IL",
                    "website": "https://cellebrite.com/"}),
    ("harris", {"name": "Harris Corporation", "kind": "company", "jurisdiction_id": "US",
                "aliases": ["L3Harris Technologies"]}),
    ("secunet", {"name": "secunet Security Networks AG", "kind": "company",
                 "jurisdiction_id": "DE", "website": "https://www.secunet.com/"}),
]  # fmt: skip

# The demo's city, inside the United Kingdom: its police agency and its oversight board
# (procurement) sit there, and a national moratorium binds it.
DEMO_CITY: Record = ("GB-DMC", {"name": "Demo City (demo)", "kind": "city", "parent_id": "GB"})

DEMO_ORGANISATIONS: list[Record] = [
    ("demo-exporter", {"name": "Demo Exporter Ltd (demo)", "kind": "company",
                       "jurisdiction_id": "GB"}),
    ("demo-exporter-b", {"name": "Demo Exporter B GmbH (demo)", "kind": "company",
                         "jurisdiction_id": "DE"}),
    ("demo-agency", {"name": "Demo Police Agency (demo)", "kind": "agency",
                     "jurisdiction_id": "GB-DMC"}),
    ("demo-oversight-board", {"name": "Demo Surveillance Oversight Board (demo)",
                              "kind": "oversight_body", "jurisdiction_id": "GB-DMC"}),
    ("demo-auditor", {"name": "Demo Audit Partners (demo)", "kind": "auditor",
                      "jurisdiction_id": "GB"}),
    ("demo-standards-body", {"name": "Demo Surveillance Industry Standards Council (demo)",
                             "kind": "oversight_body", "jurisdiction_id": None}),
    ("un-working-group", {"name": "UN Working Group on surveillance technology (demo)",
                          "kind": "un_body", "jurisdiction_id": None}),
]  # fmt: skip

Tech = tuple[str, dict[str, Any], tuple[str, ...]]  # slug, fields (vendor by slug), codes


def _tech(name: str, vendor: str, category: str, description: str, **flags: Any) -> dict[str, Any]:
    fields = {"name": name, "vendor": vendor, "category": category, "description": description}
    return (
        {"privately_developed": True, "encryption_only": False, "published": True} | fields | flags
    )


TECHNOLOGIES: list[Tech] = [
    ("pegasus", _tech("Pegasus", "nso-group", "intrusion",
                      "Spyware for mobile phones, often installed through zero-click exploits."),
     ("4.A.5", "4.D.4")),
    ("finspy", _tech("FinSpy", "gamma-group", "intrusion",
                     "Remote monitoring spyware of the FinFisher suite."),
     ("4.A.5", "4.D.4")),
    ("predator", _tech("Predator", "intellexa", "intrusion",
                       "Mobile spyware delivered by one-click links and network injection."),
     ("4.A.5", "4.D.4")),
    ("remote-control-system-galileo",
     _tech("Remote Control System (Galileo)", "hacking-team", "intrusion",
           "Remote intrusion and monitoring platform for computers and phones."),
     ("4.A.5", "4.D.4")),
    ("ufed", _tech("UFED (Universal Forensic Extraction Device)", "cellebrite", "forensics",
                   "Extracts and decodes data from seized mobile phones."),
     ()),
    ("stingray", _tech("StingRay", "harris", "mobile_interception",
                       "Cell-site simulator (IMSI catcher) that locates and identifies phones."),
     ("5.A.1.f",)),
    ("sina-vpn-gateway", _tech("SINA VPN gateway", "secunet", "encryption",
                               "Encrypting network gateway (information security only).",
                               encryption_only=True),
     ("5.A.2",)),
]  # fmt: skip

# Fictional demo-company products. The drafts are unpublished: only the vendor's members
# may see them (access tests rely on them).
DRAFT_TECHNOLOGIES: list[Tech] = [
    ("demo-interceptor-x", _tech("Demo Interceptor X (draft)", "demo-exporter",
                                 "mobile_interception", "A fictional draft record.",
                                 published=False), ("5.A.1.f",)),
    ("demo-tracker-y", _tech("Demo Tracker Y (draft)", "demo-exporter-b", "location",
                             "A fictional draft record.", published=False), ()),
    # Published, and here rather than in demo_licensing, so that demo_companies (which runs
    # first) covers it: an encryption-only product for the "no licence required" demo.
    ("demo-vault-z", _tech("Demo Vault Z", "demo-exporter", "encryption",
                           "A fictional encrypted messaging gateway.", encryption_only=True),
     ("5.A.2",)),
]  # fmt: skip

DEMO_TRANSFER_ID = "demo-unpublished-transfer-1"


def demo_transfer(supplier_id: int) -> dict[str, Any]:
    """An unpublished transfer from a GB supplier, recorded by an authority (fictional)."""
    return {
        "title": "Demo Exporter Ltd to Ireland (demo, unpublished)",
        "supplier_id": supplier_id,
        "supplier_jurisdiction_id": "GB",
        "recipient_jurisdiction_id": "IE",
        "goods": ["Off the air interception"],
        "categories": ["mobile_interception"],
        "year": 2024,
        "completed": "unknown",
        "basis": "official",
        "sources": "Fictional record created by the Oversight demo.",
        "dataset": "demo",
        "published": False,
    }


@transaction.atomic
def create_demo_records(actor_label: str = "demo_registry") -> Counter[str]:
    """Create or refresh the records above; returns how many were created/updated/unchanged."""
    counts: Counter[str] = Counter()
    code, city = DEMO_CITY
    counts[actions.upsert_subdivision(code, city, actor_label=actor_label)[1]] += 1
    for slug, values in [*VENDORS, *DEMO_ORGANISATIONS]:
        counts[actions.upsert_organisation(slug, values, actor_label=actor_label)[1]] += 1
    for slug, fields, codes in [*TECHNOLOGIES, *DRAFT_TECHNOLOGIES]:
        values = {key: value for key, value in fields.items() if key != "vendor"}
        values["vendor_id"] = Organisation.objects.get(slug=fields["vendor"]).pk
        counts[actions.upsert_technology(slug, values, codes, actor_label=actor_label)[1]] += 1
    supplier = Organisation.objects.get(slug="demo-exporter")
    transfer = demo_transfer(supplier.pk)
    counts[actions.upsert_transfer(DEMO_TRANSFER_ID, transfer, actor_label=actor_label)[1]] += 1
    return counts
