"""The confidence file as a Markdown brag document: pure formatting, and one function to write it.

User text is escaped for Markdown so a renderer shows exactly what was typed: a win titled
`[bold]x` or `<b>hi</b>` comes out as those characters, never as a link, a tag or emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bounceback.clock import today as today_of
from bounceback.domain import StrengthKind, WinCategory
from bounceback.files import write_private_text
from bounceback.sanitize import clean_text
from bounceback.store.records import HelpActRecord, StrengthRecord, WinRow

if TYPE_CHECKING:
    from bounceback.store.db import Store


# Characters that mean something anywhere in a line of Markdown (CommonMark + GitHub tables,
# strikethrough and raw HTML), and what means something only at the start of a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def md_inline(text: str) -> str:
    """One line of user text, escaped so Markdown shows it as typed (newlines become spaces)."""
    flat = " ".join(clean_text(text, single_line=True).split())
    flat = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", flat))
    flat = _LINE_START.sub(r"\\\1", flat)
    return _ORDERED.sub(r"\1\\\2", flat)


def md_block(text: str, indent: str) -> list[str]:
    """Multi-line user text as escaped lines under `indent`.

    Line breaks are kept (a trailing backslash is Markdown's hard break) and blank lines
    separate paragraphs, so the text reads as it was typed.
    """
    out: list[str] = []
    for line in clean_text(text).strip().split("\n"):
        escaped = md_inline(line)
        if escaped:
            if out and out[-1]:
                out[-1] += "\\"
            out.append(indent + escaped)
        elif out and out[-1]:
            out.append("")
    return out


@dataclass(frozen=True, slots=True)
class BragCounts:
    """What a written brag document holds."""

    wins: int
    strengths: int
    help_acts: int


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def brag_markdown(
    wins: Sequence[WinRow],
    strengths: Sequence[StrengthRecord],
    help_acts: Sequence[HelpActRecord],
    today: date,
) -> str:
    """The whole document: wins by category (in the order given), strengths, help given."""
    lines = [
        "# Brag document",
        "",
        f"My confidence file, exported from bounceback on {today.isoformat()}: "
        f"{_plural(len(wins), 'win')}, {_plural(len(strengths), 'strength')}, and "
        f"{_plural(len(help_acts), 'time', 'times')} I helped someone else.",
        "",
        "## Wins",
        "",
    ]
    if not wins:
        lines += ["No wins written down yet.", ""]
    for category in WinCategory:
        group = [w for w in wins if w.category is category]
        if not group:
            continue
        label = category.label
        lines += [f"### {label[0].upper()}{label[1:]}", ""]
        for win in group:
            lines += _win(win)
        lines.append("")
    lines += ["## Strengths: worth, not work", ""]
    if not strengths:
        lines += ["No strengths written down yet.", ""]
    for kind in StrengthKind:
        group_s = [s for s in strengths if s.kind is kind]
        if group_s:
            lines += [f"### {kind.heading}", ""]
            lines += [f"- {md_inline(s.text)}" for s in group_s]
            lines.append("")
    lines += ["## Helping others", ""]
    if not help_acts:
        lines += ["Nothing logged yet.", ""]
    else:
        week = sum(1 for h in help_acts if today - timedelta(days=today.weekday()) <= h.happened_on
                   <= today)
        month = sum(1 for h in help_acts if today.replace(day=1) <= h.happened_on <= today)
        lines += [f"{_plural(len(help_acts), 'time', 'times')} in all; {month:,} this month, "
                  f"{week:,} this week.", ""]
        for act in sorted(help_acts, key=lambda h: (h.happened_on, h.id), reverse=True):
            head = (f"- {act.happened_on.isoformat()} · {act.kind.value} · "
                    f"**{md_inline(act.who)}**")
            what = md_block(act.what, "  ")
            if what:
                head += ": " + what[0].lstrip()
            lines.append(head)
            lines += what[1:]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _win(win: WinRow) -> list[str]:
    facts = [x for x in (win.happened_on.isoformat() if win.happened_on else "",
                         "pinned" if win.pinned else "") if x]
    head = f"- **{md_inline(win.title)}**"
    if facts:
        head += " · " + " · ".join(facts)
    out = [head]
    if win.impact:
        out.append(f"  - Impact: {md_inline(win.impact)}")
    story = md_block(win.story, "    ")
    if story:
        out.append("  - " + story[0].lstrip())
        out += story[1:]
    if win.tags:
        out.append(f"  - Tags: {', '.join(md_inline(t) for t in win.tags)}")
    return out


def export_brag(store: Store, path: Path, *, overwrite: bool = False) -> BragCounts:
    """Write the brag document to `path` (0600, atomic; FileExistsError unless `overwrite`)."""
    wins, strengths, help_acts = store.wins.rows(), store.strengths.all(), store.help.all()
    write_private_text(path, brag_markdown(wins, strengths, help_acts, today_of(store.clock)),
                       overwrite=overwrite)
    return BragCounts(len(wins), len(strengths), len(help_acts))
