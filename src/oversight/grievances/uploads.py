"""An upload handler that encrypts evidence as it arrives: no plaintext touches the disk.

Django would otherwise spool large uploads to a temporary file in the clear. Here
each file is pushed through a secretstream under a fresh key straight into the
file store's `incoming/` folder; only its first bytes stay in memory, to sniff its type.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

from oversight.grievances import crypto, store

HEAD = 4096


@dataclass
class EncryptedUpload:
    """What the form receives instead of an UploadedFile."""

    name: str  # as the complainant's device named it
    stored_name: str
    key: bytes
    size: int = 0
    head: bytes = b""
    too_large: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def discard(self) -> None:
        store.delete(self.stored_name, incoming=True)


class EncryptingUploadHandler(FileUploadHandler):
    chunk_size = crypto.CHUNK

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.limit = settings.GRIEVANCE_MAX_FILE_MB * 1024 * 1024
        name = store.new_name()
        self.upload = EncryptedUpload(
            name=str(self.file_name or "")[:255], stored_name=name, key=crypto.random_bytes()
        )
        self.out = store.open_new(name, incoming=True)
        self.writer = crypto.StreamWriter(self.out, self.upload.key)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        upload = self.upload
        if upload.too_large:
            return None
        upload.size += len(raw_data)
        if upload.size > self.limit:
            upload.too_large = True  # keep reading the request, but store nothing more
            self.out.close()
            upload.discard()
            return None
        if len(upload.head) < HEAD:
            upload.head += raw_data[: HEAD - len(upload.head)]
        self.writer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> EncryptedUpload:  # type: ignore[override]
        if not self.upload.too_large:
            self.writer.close()
            self.out.close()
        return self.upload
