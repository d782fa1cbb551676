"""Publication labels are translated when a page is rendered, not when the code is imported.

A French catalogue made here translates every English text of the schemas to «text»
(and the verbose names that headings are made from, "adopted on", to «adopted on»);
each schema, read under `translation.override("fr")`, must then show only «text»:
titles, descriptions, column headings, filter labels and choice labels. Text that
was frozen in the start-up language, or never marked for translation, shows in English.
"""

import array
import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation

from oversight.core import publication
from oversight.core.tests.test_publication_snapshot import SNAPSHOT, describe


def _texts(described: dict[str, Any]) -> Iterator[str]:
    yield described["title"]
    yield described["description"]
    yield from described["labels"].values()
    for flt in described["filters"]:
        yield flt["label"]
        yield from (label for _value, label in flt["choices"] or ())


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU gettext catalogue, as msgfmt writes it."""
    catalogue = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(key.encode() for key in catalogue)
    values = {key.encode(): value.encode() for key, value in catalogue.items()}
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(values[key])))
        ids += key + b"\0"
        strs += values[key] + b"\0"
    keystart = 7 * 4 + 16 * len(keys)
    table: list[int] = []
    for id_at, id_len, _str_at, _str_len in offsets:
        table += [id_len, id_at + keystart]
    for _id_at, _id_len, str_at, str_len in offsets:
        table += [str_len, str_at + keystart + len(ids)]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    path.parent.mkdir(parents=True)
    path.write_bytes(header + array.array("i", table).tobytes() + ids + strs)


@pytest.fixture
def french(tmp_path: Path) -> Iterator[None]:
    before = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    english = {text for described in before.values() for text in _texts(described)}
    # A heading taken from a model field is its verbose name ("adopted on") capitalised.
    english |= {text[0].lower() + text[1:] for text in english}
    write_mo(tmp_path / "fr" / "LC_MESSAGES" / "django.mo", {t: f"«{t}»" for t in english})
    with override_settings(LOCALE_PATHS=[tmp_path]), translation.override("fr"):
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("french")
def test_it_renders_every_label_in_the_language_active_at_render_time() -> None:
    frozen = {}
    for schema in publication.all_schemas():
        if schema.name.startswith("t-"):
            continue
        english = [text for text in _texts(describe(schema)) if not text.startswith("«")]
        if english:
            frozen[schema.name] = english
    assert frozen == {}


@pytest.mark.django_db
def test_it_shows_english_again_once_french_is_over(tmp_path: Path) -> None:
    schema = publication.get("transfers")
    write_mo(tmp_path / "fr" / "LC_MESSAGES" / "django.mo", {"Transfers": "Transferts"})
    with override_settings(LOCALE_PATHS=[tmp_path]):
        with translation.override("fr"):
            assert str(schema.title) == "Transferts"
        with translation.override("en"):
            assert str(schema.title) == "Transfers"
