"""Synthetic UK licence statistics for benchmarks: `oversight generate`.

The rows follow the real UK strategic export licensing statistics shipped in
`data/uk-licences-surveillance.csv` (4,663 rows of 2008-2011, less the 19 whose
destination has no ISO code, which the importer refuses): each synthetic licence
decision (a licence group and destination) draws its destination, its number of
ratings, each rating, each row's licence count and value, and whether it was refused
from those rows' empirical distributions. Values are a real row's value times a
log-normal factor (sigma 0.25), so their spread and their zeros stay those of the data;
the refusal rate is each destination's own (smoothed towards the overall 0.6 %);
a decision's date is a real row's day of the year in a year drawn uniformly from
`YEARS`, so the series spans more years than the sample.

Everything comes from one `random.Random(seed)`: the same `--licences` and `--seed`
give the same rows, byte for byte. Licence groups are `SYN-<seed>-<n>`, so a
synthetic row can never be taken for (or collide with) a real one.
"""

import csv
import hashlib
import random
from bisect import bisect
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from pathlib import Path

from oversight.core.serialise import csv_writer
from oversight.registry import normalise

SAMPLE = Path(__file__).resolve().parent / "data" / "uk-licences-surveillance.csv"
COLUMNS = ("licence_group", "date", "rating", "count", "value", "country", "refused")
YEARS = range(2008, 2025)
VALUE_SIGMA = 0.25
SMOOTHING = 50  # pseudo-decisions at the overall refusal rate added to each destination


class _Weighted:
    """Draws from a Counter in proportion to its counts (deterministic order)."""

    def __init__(self, counts: Counter[str]) -> None:
        self.items = sorted(counts)
        self.cumulative = list(accumulate(counts[item] for item in self.items))

    def draw(self, rng: random.Random) -> str:
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass(frozen=True)
class Model:
    destinations: _Weighted
    ratings: _Weighted
    ratings_per_decision: _Weighted
    counts: _Weighted
    values: list[str]
    days: list[tuple[int, int]]  # (month, day)
    refusal: dict[str, float]  # destination -> refusal rate


def model(sample: Path = SAMPLE) -> Model:
    with sample.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows = [row for row in rows if _has_code(row["country"])]  # as the importer accepts
    decisions: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        decisions[(row["licence_group"], row["country"])].append(row)
    by_destination: Counter[str] = Counter(country for _group, country in decisions)
    refused: Counter[str] = Counter(
        country
        for (_group, country), parts in decisions.items()
        if all(part["refused"] == "1" for part in parts)
    )
    overall = sum(refused.values()) / len(decisions)
    return Model(
        destinations=_Weighted(by_destination),
        ratings=_Weighted(Counter(row["rating"] for row in rows)),
        ratings_per_decision=_Weighted(Counter(str(len(parts)) for parts in decisions.values())),
        counts=_Weighted(Counter(row["count"] or "1" for row in rows)),
        values=[row["value"] for row in rows if row["refused"] != "1"],
        days=sorted({(int(row["date"][5:7]), int(row["date"][8:10])) for row in rows}),
        refusal={
            country: (refused[country] + SMOOTHING * overall) / (n + SMOOTHING)
            for country, n in by_destination.items()
        },
    )


def _has_code(name: str) -> bool:
    try:
        return bool(normalise.country_codes(name))
    except ValueError:  # 'Channel Islands', continental shelves: no ISO code
        return False


def _value(rng: random.Random, values: list[str]) -> str:
    raw = rng.choice(values)
    if not raw or float(raw) == 0:
        return raw
    return f"{round(float(raw) * rng.lognormvariate(0, VALUE_SIGMA))}"


def _date(rng: random.Random, days: list[tuple[int, int]]) -> str:
    month, day = rng.choice(days)
    year = rng.choice(YEARS)
    if (month, day) == (2, 29) and year % 4:
        day = 28
    return date(year, month, day).isoformat()


def rows(licences: int, seed: int, sample: Path = SAMPLE) -> Iterator[dict[str, str]]:
    """The statistic rows of `licences` synthetic decisions (one to three ratings each),
    as the columns of `oversight import uk-licences`."""
    found = model(sample)
    rng = random.Random(seed)
    for number in range(1, licences + 1):
        destination = found.destinations.draw(rng)
        refused = rng.random() < found.refusal[destination]
        decided = _date(rng, found.days)
        wanted = int(found.ratings_per_decision.draw(rng))
        ratings: list[str] = []
        while len(ratings) < wanted:  # distinct ratings, as in the real groups
            rating = found.ratings.draw(rng)
            if rating not in ratings:
                ratings.append(rating)
        for rating in ratings:
            yield {
                "licence_group": f"SYN-{seed}-{number}",
                "date": decided,
                "rating": rating,
                "count": found.counts.draw(rng),
                "value": "" if refused else _value(rng, found.values),
                "country": destination,
                "refused": "1" if refused else "0",
            }


def write_csv(path: Path, licences: int, seed: int) -> tuple[int, str]:
    """Write the rows as a CSV file; (rows written, the file's SHA-256)."""
    digest = hashlib.sha256()
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv_writer(handle)  # no cell of these rows begins like a formula
        writer.writerow(COLUMNS)
        for row in rows(licences, seed):
            writer.writerow(row[column] for column in COLUMNS)
            written += 1
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 20):
            digest.update(chunk)
    return written, digest.hexdigest()


def fingerprint(licences: int, seed: int) -> str:
    """What the audit log's batch entries carry in place of a file's SHA-256."""
    command = f"oversight generate --licences {licences} --seed {seed}"
    return hashlib.sha256(command.encode()).hexdigest()
