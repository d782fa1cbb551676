"""Convert Natural Earth 110m country shapes (npm `world-atlas`) into SVG paths by ISO code.

Run once, by hand, when the boundaries should change; the result is committed:

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    .venv/bin/python scripts/world_map.py /tmp/package/countries-110m.json \
        > src/oversight/monitoring/data/world-110m.json

Equirectangular projection onto a 1000 x 500 viewBox (longitude -180..180, latitude
90..-90), coordinates rounded to one decimal. Countries without an ISO alpha-2 code
(Kosovo, Northern Cyprus, Somaliland) keep an `X-` key from their name so they still draw.
"""

import json
import sys
from typing import Any

import pycountry

WIDTH, HEIGHT = 1000, 500
SPECIAL = {"Kosovo": "XK"}


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def project(lon: float, lat: float) -> str:
    x = (lon + 180) / 360 * WIDTH
    y = (90 - lat) / 180 * HEIGHT
    return f"{x:.1f} {y:.1f}"


def pieces(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring cut where it jumps across the antimeridian (e.g. from 180° to -180°).

    Drawn whole, such a jump is a line across the entire map; each piece is closed
    on its own side instead.
    """
    cut: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if cut[-1] and abs(point[0] - cut[-1][-1][0]) > 180:
            cut.append([])
        cut[-1].append(point)
    return cut


def path(arcs: list[list[tuple[float, float]]], geometry: dict[str, Any]) -> str:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for indexes in polygon:
            for piece in pieces(ring(arcs, indexes)):
                projected = [project(lon, lat) for lon, lat in piece]
                deduped = [p for i, p in enumerate(projected) if i == 0 or p != projected[i - 1]]
                if len(deduped) >= 3:
                    parts.append("M" + "L".join(deduped) + "Z")
    return "".join(parts)


def code_for(geometry: dict[str, Any]) -> str:
    name = geometry.get("properties", {}).get("name", "")
    if name in SPECIAL:
        return SPECIAL[name]
    country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
    return country.alpha_2 if country else "X-" + "".join(ch for ch in name if ch.isalnum())


def main(source: str) -> None:
    with open(source, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") in ("Polygon", "MultiPolygon"):
            code = code_for(geometry)
            name = geometry.get("properties", {}).get("name", code)
            shapes[code] = {"name": name, "d": path(arcs, geometry)}
    document = {
        "attribution": "Made with Natural Earth (public domain), via the npm package "
        "world-atlas 2.0.2 by Michael Bostock (ISC licence); converted by scripts/world_map.py",
        "viewBox": f"0 0 {WIDTH} {HEIGHT}",
        "countries": dict(sorted(shapes.items())),
    }
    json.dump(document, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
