"""A decompression bomb from the anonymous form is refused, not decoded (issue 17, finding 1)."""

import io
import resource
import time

import pytest
from PIL import Image

from oversight.grievances import crypto, evidence, store
from oversight.grievances.tests.conftest import World
from oversight.grievances.uploads import HEAD, EncryptedUpload

MB = 1024 * 1024


def upload_of(name: str, data: bytes) -> EncryptedUpload:
    """An upload as the encrypting handler leaves it in `incoming/`."""
    stored_name = store.new_name()
    key = crypto.random_bytes()
    with store.open_new(stored_name, incoming=True) as out:
        writer = crypto.StreamWriter(out, key)
        writer.write(data)
        writer.close()
    return EncryptedUpload(name, stored_name, key, size=len(data), head=data[:HEAD])


def test_it_refuses_a_bomb_without_decoding_it(world: World) -> None:
    out = io.BytesIO()
    Image.new("1", (13000, 13000)).save(out, "PNG")
    uploads = [upload_of(f"bomb{i}.png", out.getvalue()) for i in range(3)]
    before, start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, time.monotonic()
    for upload in uploads:
        kind = evidence.check(upload)
        with pytest.raises(evidence.EvidenceError, match=upload.name):
            evidence.finalise(upload, kind, keep_original=False)
    assert time.monotonic() - start < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before < 100 * MB
