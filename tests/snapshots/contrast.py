"""WCAG contrast of every text cell in an exported screenshot (`App.export_screenshot()`).

The SVG holds one `<rect>` per background run and one `<text>` per run of text, each on a grid
of character cells; the text's colour comes from its CSS class. For every visible character we
take its fill and the background rect beneath it and compute the WCAG 2 contrast ratio.

Exceptions (deliberately faint decoration, not text), each a graphic in WCAG's terms:
- box-drawing and block characters (U+2500-U+259F): borders, rules, scrollbars, progress bars,
  the tab underline;
- the mark inside an unticked checkbox (`▐X▌`), drawn faint on purpose to read as "not ticked";
- emoji (U+1F000 and up), which the terminal draws in their own colours;
- what lies behind a modal, dimmed on purpose to show it is inactive (pass `region`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from rich.cells import cell_len

CELL_WIDTH = 12.2
LINE_HEIGHT = 24.4
AA_TEXT = 4.5

_CLASS = re.compile(r"\.(terminal-\d+-r\d+) \{ fill: (#[0-9a-fA-F]{6})")
_RECT = re.compile(
    r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
    r'height="([\d.]+)" shape-rendering="crispEdges"/>')
_TEXT = re.compile(
    r'<text class="(terminal-\d+-r\d+)" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>')


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of `#rrggbb`."""
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two `#rrggbb` colours (1 to 21)."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_decoration(char: str) -> bool:
    """Box drawing and block elements (borders, scrollbars, bars), emoji, blanks: not text."""
    return "\u2500" <= char <= "\u259f" or char >= "\U0001f000" or char.isspace()


@dataclass(frozen=True)
class Span:
    """A run of text on screen with its worst contrast against what is beneath it."""

    row: int
    col: int
    text: str
    fill: str
    background: str
    contrast: float

    def __str__(self) -> str:
        """`row 3 col 12 "Check-in" #e0e0e0 on #f0f0f0 = 1.20`."""
        return (f"row {self.row} col {self.col} {self.text.strip()!r} {self.fill} on "
                f"{self.background} = {self.contrast:.2f}")


Region = tuple[int, int, int, int]
"""x, y, width, height in cells."""


def text_spans(svg: str, region: Region | None = None) -> list[Span]:
    """Every run of visible text in the screenshot (within `region`), with its worst character."""
    fills = dict(_CLASS.findall(svg))
    background: dict[tuple[int, int], str] = {}
    for fill, x, y, width, _height in _RECT.findall(svg):
        row = round((float(y) - 1.5) / LINE_HEIGHT)
        first = round(float(x) / CELL_WIDTH)
        for col in range(first, first + round(float(width) / CELL_WIDTH)):
            background[(row, col)] = fill.lower()
    runs = []
    chars: dict[tuple[int, int], str] = {}
    for cls, x, _length, line, raw in _TEXT.findall(svg):
        text = html.unescape(raw).replace("\xa0", " ")
        row, first = int(line), round(float(x) / CELL_WIDTH)
        runs.append((cls, row, first, text))
        col = first
        for char in text:
            chars[(row, col)] = char
            col += cell_len(char)
    spans = []
    for cls, row, first, text in runs:
        fill = fills.get(cls)
        if fill is None:
            continue
        worst: tuple[float, str] | None = None
        col = first
        for char in text:
            col, at = col + cell_len(char), col
            if is_decoration(char) or _unticked_mark(chars, row, at):
                continue
            if region is not None and not _inside(region, row, at):
                continue
            under = background.get((row, at))
            if under is None:
                continue
            value = ratio(fill.lower(), under)
            if worst is None or value < worst[0]:
                worst = (value, under)
        if worst is not None:
            spans.append(Span(row, first, text, fill.lower(), worst[1], worst[0]))
    return spans


def _unticked_mark(chars: dict[tuple[int, int], str], row: int, col: int) -> bool:
    """The X between the halves of a checkbox: `▐X▌`."""
    return chars.get((row, col - 1)) == "▐" and chars.get((row, col + 1)) == "▌"


def _inside(region: Region, row: int, col: int) -> bool:
    x, y, width, height = region
    return x <= col < x + width and y <= row < y + height


def worst(svg: str, region: Region | None = None) -> Span | None:
    """The lowest-contrast text on the screen."""
    spans = text_spans(svg, region)
    return min(spans, key=lambda s: s.contrast) if spans else None


def failures(svg: str, minimum: float = AA_TEXT, region: Region | None = None) -> list[Span]:
    """Every text run below `minimum`, worst first."""
    return sorted((s for s in text_spans(svg, region) if s.contrast < minimum),
                  key=lambda s: s.contrast)
