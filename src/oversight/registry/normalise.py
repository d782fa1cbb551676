"""Pure normalisers for messy real-world reference data (no database access).

Control-list codes follow Wassenaar numbering (`5A002` → `5.A.2`); countries go
to ISO 3166-1 alpha-2 through pycountry's ISO names, Babel's English (CLDR) names and
a short table of aliases seen in the SII and UK datasets; reported goods go to the
surveillance-technology taxonomy.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import pycountry
from babel import Locale

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


# Names of the SII transfers and the UK licence statistics that neither pycountry
# (ISO 3166-1 names) nor Babel (CLDR English names, en and en_GB) knows, even with
# accents, case, "St"/"Saint", "&"/"and" and "Name, Qualifier" inversion ignored.
# Keys are folded (see `_fold`). Each line says where the name comes from.
COUNTRY_ALIASES: dict[str, str] = {
    "burma": "MM",  # UK statistics (CLDR has "Myanmar (Burma)")
    "congo, democratic republic": "CD",  # UK statistics, 2012 on
    "congo, democratic republic of": "CD",  # UK statistics 2008-2011
    "democratic republic of congo": "CD",  # SII
    "drc": "CD",  # SII
    "republic of congo": "CG",  # UK statistics (CLDR has "Congo - Brazzaville")
    "guinea, republic of": "GN",  # UK statistics
    "hong kong special administrative region": "HK",  # UK statistics
    "macao special administrative region": "MO",  # UK statistics
    "italia": "IT",  # SII
    "korea, south": "KR",  # UK statistics (inverted "South Korea" also works)
    "kosovo": "XK",  # user-assigned code, not in ISO 3166-1 (see KOSOVO)
    "macedonia": "MK",  # UK statistics before the 2019 renaming
    "mayotte (grand terre and pamanzi)": "YT",  # UK statistics
    "norwat": "NO",  # a typo in the SII data
    "occupied palestinian territories": "PS",  # UK statistics
    "sarawak": "MY",  # UK statistics: a Malaysian State
    "st vincent (including the grenadines)": "VC",  # UK statistics
    "surinam": "SR",  # UK statistics
    "svelbard archipelago": "SJ",  # UK statistics (sic)
    "heard and mcdonald islands": "HM",  # UK statistics
    "east timor": "TL",  # UK statistics: the former English name of Timor-Leste
    "ivory coast": "CI",  # UK statistics: the English name of Côte d'Ivoire
    "palestine": "PS",  # SII
    "st helena": "SH",  # UK statistics (ISO: Saint Helena, Ascension and Tristan da Cunha)
    "swaziland": "SZ",  # UK statistics: the name of Eswatini before 2018
    "turkey": "TR",  # UK statistics: the name of Türkiye before 2022
    "uae": "AE",  # SII
    "uk": "GB",  # SII
    "great britain": "GB",  # SII
    "usa": "US",  # SII
    "us": "US",  # SII
    "united states of america": "US",  # UK statistics
}
KOSOVO = ("XK", "Kosovo", "Republic of Kosovo")  # user-assigned code, not in ISO 3166-1


def _fold(name: str) -> str:
    """Lower case, no accents, "&" as "and", no full stops, one space.

    'St. Kitts & Nevis' → 'st kitts and nevis'; 'Åland Islands' → 'aland islands'.
    """
    decomposed = unicodedata.normalize("NFKD", str(name).replace("\u2019", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("&", " and ").replace(".", " ").lower()
    return " ".join(plain.split())


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded name → alpha-2: ISO codes and names (pycountry), CLDR English names (Babel)."""
    names: dict[str, str] = {}
    iso = {str(c.alpha_2) for c in pycountry.countries}

    def add(name: str, code: str) -> None:
        key = _fold(name)
        names.setdefault(key, code)
        if key.startswith("st "):
            names.setdefault("saint " + key[3:], code)
        if "(" in key:  # "myanmar (burma)" → "myanmar"
            names.setdefault(" ".join(key.split("(")[0].split()), code)

    for country in pycountry.countries:
        code = str(country.alpha_2)
        for attribute in ("alpha_2", "alpha_3", "name", "common_name", "official_name"):
            if value := getattr(country, attribute, None):
                add(str(value), code)
    for locale in ("en", "en_GB"):
        for code, name in Locale.parse(locale).territories.items():
            if code in iso:
                add(name, code)
    add(KOSOVO[0], KOSOVO[0])
    names.update(COUNTRY_ALIASES)
    return names


def _candidates(key: str) -> Iterable[str]:
    yield key
    stripped = key.removeprefix("the ")
    yield stripped
    if stripped.startswith("st "):
        yield "saint " + stripped[3:]
    if key.count(",") == 1:  # "sudan, south" → "south sudan"; "gambia, the" → "gambia"
        head, tail = (part.strip() for part in key.split(","))
        yield from (f"{tail} {head}", head if tail == "the" else f"{tail} {head}")


@lru_cache(maxsize=1024)
def country_code(name: str) -> str:
    """A country name (or code) as people write it → ISO 3166-1 alpha-2."""
    text = " ".join(str(name).split())
    if not text:
        raise ValueError("empty country name")
    names = _country_names()
    for key in _candidates(_fold(text)):
        if key in names:
            return names[key]
    raise ValueError(f"unknown country {text!r}")


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
