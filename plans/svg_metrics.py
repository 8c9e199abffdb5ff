"""How big a rendered chart is and how small its node labels get when shown at a given width."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
PX_PER_UNIT = {"pt": 4 / 3, "px": 1.0, "in": 96.0, "": 1.0}
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*([a-z]*)\s*$")


@dataclass(frozen=True)
class SvgSize:
    width_px: float
    height_px: float
    smallest_font: float  # the smallest font-size of a node label, in SVG units

    def label_px(self, shown_width: float = 1400) -> float:
        """The smallest node label's height when the SVG is shown `shown_width` px wide
        (scaled down only, never up): font size x min(1, shown width / SVG width)."""
        return self.smallest_font * min(1.0, shown_width / self.width_px)

    def label_pt(self, box_width_pt: float, box_height_pt: float) -> float:
        """The smallest node label's size in points when the chart is fitted into a box of that
        size on paper (scaled down only, never up). dot's SVG user units are points."""
        width_pt, height_pt = self.width_px * 0.75, self.height_px * 0.75
        return self.smallest_font * min(1.0, box_width_pt / width_pt, box_height_pt / height_pt)


def _px(length: str) -> float:
    found = _LENGTH.match(length or "")
    if not found or found.group(2) not in PX_PER_UNIT:
        raise ValueError(f"not an SVG length: {length!r}")
    return float(found.group(1)) * PX_PER_UNIT[found.group(2)]


def measure_svg(svg: bytes) -> SvgSize:
    """Width and height in px and the smallest font size of the text in nodes (<g class="node">).

    Raises:
        ValueError: the bytes are no SVG with a width and height.
    """
    root = ET.fromstring(svg)
    sizes = [
        float(text.get("font-size", "14"))
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "node"
        for text in group.iter(f"{SVG}text")
    ]
    return SvgSize(_px(root.get("width", "")), _px(root.get("height", "")), min(sizes, default=0))
