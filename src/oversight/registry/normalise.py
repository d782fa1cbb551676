"""Pure normalisers for messy real-world reference data (no database access).

Control-list codes follow Wassenaar numbering (`5A002` → `5.A.2`); countries go
to ISO 3166-1 alpha-2 through pycountry plus the aliases seen in the SII and UK
datasets; reported goods go to the surveillance-technology taxonomy.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

import pycountry

from oversight.registry.models import Category

# Dual-use: category digit, product group letter, item number, then sub-items
# (letters and numbers), with or without dots: 5A001j, 5A001.j, 5.a.1.j., 5A1j.
_DUAL_USE = re.compile(
    r"(?P<cat>\d)\s*\.?\s*(?P<group>[a-e])\s*\.?\s*(?P<item>\d{1,3})(?!\d)"
    r"(?P<rest>(?:\s*\.?\s*(?:[a-z]|\d+))*)\s*\.?",
    re.IGNORECASE,
)
_MILITARY = re.compile(r"ML\s*(?P<item>\d{1,2})(?P<rest>(?:\.?(?:[a-z]|\d+))*)\.?", re.IGNORECASE)
# National and regulation ratings kept as they are, upper-cased: PL5017, HR AIII, End Use.
_NATIONAL = re.compile(r"[A-Z][A-Z0-9]*(?: [A-Z0-9]+){0,3}")
_SUB_ITEM = re.compile(r"[a-z]|\d+", re.IGNORECASE)
MAX_CODE_LENGTH = 32


def _sub_items(rest: str) -> list[str]:
    return [part.lower() if part.isalpha() else str(int(part)) for part in _SUB_ITEM.findall(rest)]


def control_code(value: str) -> str:
    """`5A002` → `5.A.2`, `5a001j` → `5.A.1.j`; `ML10`, `PL5017` kept upper-case."""
    text = " ".join(str(value).split())
    if not text:
        raise ValueError("empty control-list code")
    if len(text) > MAX_CODE_LENGTH:
        raise ValueError(f"control-list code longer than {MAX_CODE_LENGTH} characters: {text!r}")
    if match := _DUAL_USE.fullmatch(text):
        parts = [match["cat"], match["group"].upper(), str(int(match["item"]))]
        return ".".join(parts + _sub_items(match["rest"]))
    if match := _MILITARY.fullmatch(text):
        return ".".join([f"ML{int(match['item'])}", *_sub_items(match["rest"])])
    if text[0].isdigit():
        raise ValueError(
            f"{text!r} is not a Wassenaar code (expected category, group and number, e.g. 5A002)"
        )
    if _NATIONAL.fullmatch(text.upper()):
        return text.upper()
    raise ValueError(f"{text!r} is not a control-list code (letters, digits and spaces only)")


# Names seen in the SII transfers and UK licence statistics that pycountry does not know.
COUNTRY_ALIASES: dict[str, str] = {
    "brunei": "BN",
    "burma": "MM",
    "cape verde": "CV",
    "congo, democratic republic of": "CD",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "republic of congo": "CG",
    "cote d'ivoire": "CI",
    "côte d'ivoire": "CI",
    "ivory coast": "CI",
    "czech republic": "CZ",
    "east timor": "TL",
    "falkland islands": "FK",
    "guinea, republic of": "GN",
    "hong kong special administrative region": "HK",
    "italia": "IT",
    "korea, south": "KR",
    "south korea": "KR",
    "korea, north": "KP",
    "north korea": "KP",
    "kosovo": "XK",
    "macedonia": "MK",
    "mayotte (grand terre and pamanzi)": "YT",
    "norwat": "NO",  # a typo in the SII data
    "palestine": "PS",
    "russia": "RU",
    "sarawak": "MY",
    "st helena": "SH",
    "st lucia": "LC",
    "st vincent (including the grenadines)": "VC",
    "surinam": "SR",
    "svelbard archipelago": "SJ",
    "swaziland": "SZ",
    "turkey": "TR",
    "uae": "AE",
    "uk": "GB",
    "great britain": "GB",
    "usa": "US",
    "us": "US",
    "united states of america": "US",
    "vietnam": "VN",
    "bolivia": "BO",
    "iran": "IR",
    "laos": "LA",
    "syria": "SY",
    "taiwan": "TW",
    "tanzania": "TZ",
    "venezuela": "VE",
    "moldova": "MD",
}
KOSOVO = ("XK", "Kosovo", "Republic of Kosovo")  # user-assigned code, not in ISO 3166-1


@lru_cache(maxsize=1024)
def country_code(name: str) -> str:
    """A country name (or code) as people write it → ISO 3166-1 alpha-2."""
    text = " ".join(str(name).split())
    if not text:
        raise ValueError("empty country name")
    key = text.lower().replace("\u2019", "'")
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    if key == "xk":
        return "XK"
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        raise ValueError(f"unknown country {text!r}") from None


def country_codes(names: str) -> list[str]:
    """'United Kingdom, Germany' → ['GB', 'DE']; 'Korea, South' is one name → ['KR']."""
    try:
        return [country_code(names)]
    except ValueError:
        if "," not in names:
            raise
    return [country_code(part) for part in names.split(",") if part.strip()]


# Goods as reported by the Surveillance Industry Index, lower-cased, spaces collapsed.
GOODS_CATEGORIES: dict[str, Category] = {
    "intrusion software": Category.INTRUSION,
    "off the air interception": Category.MOBILE_INTERCEPTION,
    "deep packet inspection": Category.NETWORK,
    "deeo packet inspection": Category.NETWORK,
    "fibre taps / probes": Category.NETWORK,
    "fiber taps / probes": Category.NETWORK,
    "internet filters": Category.NETWORK,
    "network infrastructure and services": Category.NETWORK,
    "network infrastructure": Category.NETWORK,
    "lawful interception": Category.LAWFUL_INTERCEPTION,
    "lawful interception mediation": Category.LAWFUL_INTERCEPTION,
    "monitoring centre": Category.LAWFUL_INTERCEPTION,
    "monitoring centres": Category.LAWFUL_INTERCEPTION,
    "monitoring center": Category.LAWFUL_INTERCEPTION,
    "data retention": Category.DATA_RETENTION,
    "location tracking": Category.LOCATION,
    "forensics": Category.FORENSICS,
    "biometrics": Category.BIOMETRICS,
    "facial recognition": Category.BIOMETRICS,
    "social media monitoring": Category.SOCIAL_MEDIA,
    "encryption": Category.ENCRYPTION,
}


def category_for_goods(item: str) -> Category:
    key = " ".join(str(item).lower().replace("/", " / ").split())
    return GOODS_CATEGORIES.get(key, Category.OTHER)


def categories_for_goods(goods: Iterable[str]) -> list[str]:
    """Distinct taxonomy values for the goods, in first-seen order; unknown → other."""
    found: list[str] = []
    for item in goods:
        if not str(item).strip():
            continue
        value = category_for_goods(item).value
        if value not in found:
            found.append(value)
    return found
