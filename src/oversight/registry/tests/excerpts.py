"""Small excerpts of the real shipped data, written to files the way people would give them."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command

DATA = Path(__file__).resolve().parents[1] / "data"

# Real rows from uk-licences-surveillance.csv (UK SIEL statistics, OGL v3.0).
UK_HEADER = "licence_group,date,rating,count,value,country,refused"
UK_ROWS = [
    "8,2008-01-02,5A002,1,10750000,Hong Kong Special Administrative Region,0",
    "15,2008-01-03,5A002,1,293260,Egypt,0",
    '19,2008-01-03,5A002,1,5000,"Korea, South",0',
]

# Real rows from ratings.csv (OGL v3.0).
RATINGS = (
    "rating,military,short_description,full_description\n"
    'ML10,1,"Aircraft, helicopters, drones","\u2018Aircraft\u2019, unmanned aerial vehicles"\n'
    '5A002,0,"Telecommunications and information security",'
    '"Telecommunications and information security"\n'
    '"HR AIII",0,"restraint equipment","restraint equipment, devices and substances"\n'
)


def sii_records(*unique_ids: str) -> list[dict[str, Any]]:
    records = json.loads((DATA / "sii-transfers.json").read_text(encoding="utf-8"))
    by_id = {record["unique_id"]: record for record in records}
    return [by_id[unique_id] for unique_id in unique_ids]


# Semptian → Algeria (2010); a supplier-less '_Egypt_2014' with an end user and a malformed id;
# Gamma Group (company_name differs from supplier_company, two HQ countries).
SII_IDS = ("Semptian_Algeria_2010", "_Egypt_2014", "Gamma_International_FinFisher_Bahrain_2010")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


def write_uk(tmp_path: Path, *extra: str, name: str = "uk.csv") -> Path:
    return write(tmp_path / name, "\n".join([UK_HEADER, *UK_ROWS, *extra]) + "\n")


def write_sii(tmp_path: Path, *extra: dict[str, Any]) -> Path:
    records = [*sii_records(*SII_IDS), *extra]
    return write(tmp_path / "sii.json", json.dumps(records, ensure_ascii=False, indent=1))


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
