"""The tamper-evident audit log: an append-only, hash-chained list of entries."""

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditEntry(models.Model):
    """One state change or decision. Written only by `core.audit.record`."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes (old → new)"), default=dict)
    reasons = models.JSONField(_("reasons"), default=list)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # Random, never published, covered by the hash: without it, an entry whose content
    # can be guessed (a complaint received) would give its exact time away to anyone
    # who tries every microsecond of its day against the public hash.
    salt = models.CharField(_("salt"), max_length=64, blank=True, default="")

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("audit entries are append-only")


class AuditHead(models.Model):
    """The single row that appenders lock, so the chain never forks."""

    count = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit log head")

    def __str__(self) -> str:
        return f"{self.count} {self.hash}"


class SearchDocument(models.Model):
    """One public record as the one search over every register sees it (`core.fulltext`).

    Written only by `core.fulltext`, in the transaction of the row it indexes. The
    engine's own index (SQLite FTS5 table `core_search_fts`, or PostgreSQL's generated
    `tsvector` column `vector` with a GIN index) is made by migration 0004 and follows
    `title_terms` and `terms` in the same statement.
    """

    dataset = models.CharField(max_length=64)
    pk_text = models.CharField(max_length=200)  # the row's primary key, as text
    key = models.CharField(max_length=200)  # its public key (the record page's)
    title = models.CharField(max_length=300)
    text = models.TextField()  # the searchable fields as shown, for the snippet
    title_terms = models.TextField()  # the title's words, lower case, space-separated
    terms = models.TextField()  # the searchable fields' words, likewise
    year = models.IntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "pk_text"], name="search_one_per_row")
        ]
        indexes = [models.Index(fields=["year", "id"], name="search_year")]

    def __str__(self) -> str:
        return f"{self.dataset}/{self.key}"


class SearchFacet(models.Model):
    """One facet value of a search document (a list gives one row per item)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=32)
    value = models.CharField(max_length=200)
    label = models.CharField(max_length=300, blank=True)  # a name read at index time

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_value"),
            models.Index(fields=["document", "name"], name="search_facet_document"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class RateCount(models.Model):
    """Requests of one public-API client in one minute (`core.ratelimit`). The client is
    a keyed hash that changes every day, never an address; rows live two minutes."""

    client = models.CharField(max_length=64)
    window = models.BigIntegerField()  # minutes since the epoch
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "window"], name="rate_one_per_minute")
        ]
        indexes = [models.Index(fields=["window"], name="rate_window")]

    def __str__(self) -> str:
        return f"{self.window}: {self.count}"
