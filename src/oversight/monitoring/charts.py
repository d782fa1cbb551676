"""Charts as SVG drawn on the server: readable with JavaScript off, each with a title and a
description, and always shown beside a data table that carries the same numbers."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from oversight.monitoring.trends import Series

MAP_FILE = Path(__file__).resolve().parent / "data" / "world-110m.json"
SHADES = ("#dbe9f6", "#9ecae1", "#4a98c9", "#1764ab", "#08306b")  # light to dark blue
BAR = "#1764ab"
ROW_HEIGHT, LABEL_WIDTH, BAR_WIDTH = 22, 260, 360


def _frame(series: Series, width: int, height: int, body: str) -> SafeString:
    ident = f"chart-{series.slug}"
    total = sum(value for _label, value in series.rows)
    desc = _("%(n)s rows; the table beside this chart gives every value.") % {
        "n": len(series.rows)
    }
    if series.unit != "%":
        desc = _(
            "%(n)s rows, %(total)s in all; the table beside this chart gives every value."
        ) % {
            "n": len(series.rows),
            "total": f"{total:g}",
        }
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(series.title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _value(value: float, unit: str) -> str:
    return f"{value:g}{unit}"


def bar_chart(series: Series) -> SafeString:
    """Horizontal bars, one per row, the value written at the end of each bar."""
    top = max((value for _label, value in series.rows), default=0) or 1
    if series.unit == "%":
        top = 100
    parts = []
    for index, (label, value) in enumerate(series.rows):
        y = index * ROW_HEIGHT + 4
        length = BAR_WIDTH * value / top
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end" font-size="12">'
            f"{escape(label[:40])}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
            f'height="{ROW_HEIGHT - 6}" fill="{BAR}"/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 14}" font-size="12">'
            f"{escape(_value(value, series.unit))}</text>"
        )
    if not parts:
        parts.append(f'<text x="10" y="18" font-size="12">{escape(_("No data yet."))}</text>')
    height = max(len(series.rows), 1) * ROW_HEIGHT + 8
    return _frame(series, LABEL_WIDTH + BAR_WIDTH + 60, height, "".join(parts))


def column_chart(series: Series) -> SafeString:
    """Vertical columns over time, with the first, middle and last labels on the axis."""
    width, height, base = 680, 240, 200
    top = max((value for _label, value in series.rows), default=0) or 1
    step = (width - 60) / max(len(series.rows), 1)
    parts = [
        f'<line x1="40" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#555"/>',
        f'<text x="34" y="{base - 170 + 4}" text-anchor="end" font-size="11">{top:g}</text>',
        f'<text x="34" y="{base + 4}" text-anchor="end" font-size="11">0</text>',
    ]
    marks = {0, len(series.rows) // 2, len(series.rows) - 1}
    for index, (label, value) in enumerate(series.rows):
        h = 170 * value / top
        x = 44 + index * step
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{max(step - 2, 1):.1f}" '
            f'height="{h:.1f}" '
            f'fill="{BAR}"><title>{escape(label)}: {value:g}</title></rect>'
        )
        if index in marks:
            parts.append(
                f'<text x="{x:.1f}" y="{base + 16}" font-size="11">{escape(label)}</text>'
            )
    return _frame(series, width, height, "".join(parts))


@cache
def _shapes() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return data


def _shade(value: float, top: float) -> str:
    if value <= 0:
        return "#f2f2f2"
    return SHADES[min(int(len(SHADES) * value / (top + 1e-9)), len(SHADES) - 1)]


def world_map(series: Series) -> SafeString:
    """Countries shaded by their count (five steps); each named with its count on hover."""
    shapes = _shapes()
    counts = {code: value for code, (_l, value) in zip(series.codes, series.rows, strict=True)}
    top = max(counts.values(), default=0)
    parts = []
    for code, shape in shapes["countries"].items():
        value = counts.get(code, 0)
        name = escape(shape["name"])
        parts.append(
            f'<path d="{shape["d"]}" fill="{_shade(value, top)}" stroke="#fff" stroke-width="0.4">'
            f"<title>{name}: {value:g}</title></path>"
        )
    legend = escape(_("Darker: more cases. Boundaries: Natural Earth."))
    parts.append(f'<text x="8" y="490" font-size="12">{legend}</text>')
    return _frame(series, 1000, 500, "".join(parts))


def render(series: Series) -> SafeString:
    if series.kind == "map":
        return world_map(series)
    if series.kind == "column":
        return column_chart(series)
    return bar_chart(series)
