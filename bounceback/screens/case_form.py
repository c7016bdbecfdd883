"""The case form: every field of a rejection case, with inline errors and nothing typed lost."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from bounceback.dates import DATE_EXAMPLES, DateParseError, parse_date
from bounceback.domain import FEELING_WORDS, FeedbackStatus, RejectionKind
from bounceback.playbook.triage import CAUSES_BY_KEY, KIND_SUMMARY, causes_for
from bounceback.screens.draft_form import DraftForm
from bounceback.store.drafts import CaseChanges, Check
from bounceback.store.records import RejectionRecord
from bounceback.widgets.form import Field
from bounceback.widgets.safe import content

SaveFn = Callable[[CaseChanges, bool], RejectionRecord]
"""Persist the changed fields; the bool is "overwrite even if it changed elsewhere"."""

_INPUTS = (
    ("company", "Company *"), ("role", "Role"), ("received_on", "Received on *"),
    ("kind_override_reason", "Why a different kind? (if you changed it)"),
    ("feelings", "Feelings (comma separated)"),
    ("intensity_before", "How strong, 0-10: when it landed"),
    ("intensity_after", "…and after the ritual"), ("feeling_note", "In one sentence"),
    ("feedback_asked_on", "Feedback asked on"),
)
_AREAS = (
    ("out_of_control", "Anything else outside your control (one per line)"),
    ("lessons", "Lessons"), ("next_steps", "Next steps"), ("feedback_text", "Their reply"),
)
_DATES = ("received_on", "feedback_asked_on")
_ROWS = (
    ("company", "role"), ("received_on", "kind"), ("kind_override_reason",),
    ("intensity_before", "intensity_after"), ("feelings", "feeling_note"), ("causes",),
    ("out_of_control",), ("lessons",), ("next_steps",),
    ("feedback_status", "feedback_asked_on"), ("feedback_text",),
)
_INTENSITY_ERROR = "Intensity is a whole number from 0 to 10."


def cause_prompt(key: str) -> Content:
    """"label — fix" for a checklist cause, marked when it is outside your control."""
    cause = CAUSES_BY_KEY.get(key)
    if cause is None:  # written in the person's own words (older cases, imports)
        return Content.assemble(content(key), ("  (your words)", "$text-muted"))
    parts: list[Content | tuple[str, str] | str] = [
        (cause.label, "bold"), (f" — {cause.fix}", "$text-muted")
    ]
    if cause.out_of_control:
        parts.insert(1, ("  [outside your control]", "$warning"))
    return Content.assemble(*parts)


class CaseForm(DraftForm[CaseChanges, RejectionRecord]):
    """Edit a rejection case. ctrl+s saves, escape cancels (asking if anything changed)."""

    AUTO_FOCUS = "#input-company"
    DRAFT_FORM = "case"
    THING = "this case"

    def __init__(
        self, record: RejectionRecord, save: SaveFn, check: Check, *,
        status: FeedbackStatus | None = None, focus: str = "company",
    ) -> None:
        """Edit `record`; `status` presets the feedback status, `focus` names the first field."""
        super().__init__(save, check)
        self._record = record
        self._status = status or record.feedback_status
        self._checklist_kind = record.kind
        self._focus = focus

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Short fields in rows, the causes checklist, then the long texts."""
        fields = self._fields()
        with Vertical(id="form-box"):
            yield Label(Content.assemble(("Edit case  ", "bold"), content(self._record.company)),
                        id="form-title")
            yield Label("", id="form-banner")
            with VerticalScroll(id="form-body"):
                for row in _ROWS:
                    with Horizontal(classes="form-row"):
                        yield from (fields[name] for name in row)
            yield Footer()

    def _fields(self) -> dict[str, Field]:
        r = self._record
        initial: dict[str, str] = {
            "company": r.company, "role": r.role, "received_on": r.received_on.isoformat(),
            "kind_override_reason": r.kind_override_reason, "feelings": ", ".join(r.feelings),
            "intensity_before": _num(r.intensity_before),
            "intensity_after": _num(r.intensity_after), "feeling_note": r.feeling_note,
            "feedback_asked_on": r.feedback_asked_on.isoformat() if r.feedback_asked_on else "",
            "out_of_control": "\n".join(
                CAUSES_BY_KEY[x].label if x in CAUSES_BY_KEY else x
                for x in r.out_of_control if x not in r.causes
            ),
            "lessons": r.lessons, "next_steps": r.next_steps, "feedback_text": r.feedback_text,
        }
        fields: dict[str, Field] = {}
        for name, label in _INPUTS:
            placeholder = "e.g. Nov 20, yesterday" if name in _DATES else ""
            fields[name] = Field(label, Input(initial[name], id=f"input-{name}",
                                              placeholder=placeholder), name=name)
        for name, label in _AREAS:
            area = TextArea(initial[name], id=f"input-{name}", soft_wrap=True, tab_behavior="focus")
            fields[name] = Field(label, area, name=name)
        kinds = [(KIND_SUMMARY[k].label, k.value) for k in RejectionKind]
        fields["kind"] = Field("Kind", Select(kinds, value=r.kind.value, allow_blank=False,
                                              id="input-kind"), name="kind")
        statuses = [(s.label, s.value) for s in FeedbackStatus]
        fields["feedback_status"] = Field(
            "Feedback", Select(statuses, value=self._status.value, allow_blank=False,
                               id="input-feedback_status"), name="feedback_status")
        checklist = SelectionList[str](*self._cause_options(r.kind, list(r.causes)),
                                       id="input-causes")
        fields["causes"] = Field("What might have played a part (space ticks)", checklist,
                                 name="causes")
        return fields

    @staticmethod
    def _cause_options(kind: RejectionKind, chosen: list[str]) -> list[Selection[str]]:
        keys = [c.key for c in causes_for(kind)]
        keys += [k for k in chosen if k not in keys]  # ticked under another kind: kept
        return [Selection(cause_prompt(k), k, k in chosen) for k in keys]

    def on_mount(self) -> None:
        """The first field named by the opener has focus; hint at the feeling words."""
        if self._focus != "company":
            first = self.query_one(f"#input-{self._focus}")
            first.focus()
            self.call_after_refresh(first.scroll_visible, animate=False)
        for field in self.query("#field-feelings").results(Field):
            field.set_hint("words like " + ", ".join(FEELING_WORDS[5:8]) + "…")

    # ---- values ---------------------------------------------------------------------------

    @property
    def _checklist(self) -> SelectionList[str]:
        return self.query_one("#input-causes", SelectionList)

    def _chosen(self) -> list[str]:
        checklist, selected = self._checklist, set(self._checklist.selected)
        values = (checklist.get_option_at_index(i).value for i in range(checklist.option_count))
        return [v for v in values if v in selected]

    def _raw(self) -> dict[str, object]:
        raw: dict[str, object] = {
            f.field_name: f.value for f in self.query(Field) if f.field_name != "causes"
        }
        raw["causes"] = self._chosen()
        return raw

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> CaseChanges:
        """The fields that differ from the stored case; unreadable input goes into `errors`."""
        raw = self._raw()  # `values` plus the ticked causes
        out: dict[str, Any] = {
            name: raw[name] for name in ("company", "role", "kind_override_reason",
                                         "feeling_note", "lessons", "next_steps", "feedback_text")
        }
        for name in _DATES:
            try:
                out[name] = parse_date(str(raw[name]), self._today, "past")
            except DateParseError:
                errors[name] = f"Couldn't read that date. Try: {DATE_EXAMPLES}"
        if "received_on" not in errors and out.get("received_on", False) is None:
            errors["received_on"] = "When did the answer arrive? Empty is not a date."
        for name in ("intensity_before", "intensity_after"):
            text = str(raw[name]).strip()
            if not text:
                out[name] = None
            elif text.isdigit() and 0 <= int(text) <= 10:
                out[name] = int(text)
            else:
                errors[name] = _INTENSITY_ERROR
        for name in errors:  # what could not be read is not saved (its message says why)
            out.pop(name, None)
        out["kind"] = RejectionKind(str(raw["kind"]))
        out["feedback_status"] = FeedbackStatus(str(raw["feedback_status"]))
        out["feelings"] = [w.strip() for w in str(raw["feelings"]).split(",") if w.strip()]
        causes = self._chosen()
        out["causes"] = causes
        by_label = {c.label: c.key for c in CAUSES_BY_KEY.values()}
        extra = [by_label.get(line.strip(), line.strip())
                 for line in str(raw["out_of_control"]).splitlines() if line.strip()]
        outside = [k for k in causes if k in CAUSES_BY_KEY and CAUSES_BY_KEY[k].out_of_control]
        out["out_of_control"] = outside + [x for x in extra if x not in outside]
        stored = self._record
        return CaseChanges({
            name: value for name, value in out.items()
            if value != (list(old) if isinstance(old := getattr(stored, name), tuple) else old)
        })

    def nothing_to_save(self, draft: CaseChanges) -> bool:
        """Nothing differs from the stored case: the form just closes."""
        return not draft.changes

    @on(Select.Changed, "#input-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        """A different kind brings its own checklist; ticks already made stay."""
        if event.value is Select.BLANK:
            return
        kind = RejectionKind(str(event.value))
        if kind is self._checklist_kind:
            return
        self._checklist_kind = kind
        chosen = self._chosen()
        self._checklist.clear_options()
        self._checklist.add_options(self._cause_options(kind, chosen))

    @on(SelectionList.SelectionHighlighted, "#input-causes")
    def _cause_hint(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        """The list cuts long fixes short; the highlighted one is shown whole underneath."""
        cause = CAUSES_BY_KEY.get(event.selection.value)
        for field in self.query("#field-causes").results(Field):
            field.set_hint(f"fix: {cause.fix}" if cause is not None else None)

    @on(Input.Changed)
    def _case_date_hint(self, event: Input.Changed) -> None:
        """Echo how a typed date was understood, as it is typed; clear a fixed error."""
        field = event.input.parent
        if not isinstance(field, Field):
            return
        field.set_error(None)
        if field.field_name not in _DATES:
            return
        if event.value == self._start_values.get(field.field_name):
            field.set_hint(None)  # an untouched date needs no echo
            return
        try:
            parsed = parse_date(event.value, self._today, "past")  # both dates have happened
        except DateParseError:
            parsed = None
        field.set_hint(f"→ {parsed:%a %b} {parsed.day}, {parsed.year}" if parsed else None)

    # ---- what the banner says ---------------------------------------------------------------

    def conflict_line(self) -> str:
        """The case changed in another window since the form opened."""
        return ("This case was changed in another window since you opened it. Your text is "
                "still here: ctrl+s again saves your changes over theirs, escape keeps theirs.")

    def gone_line(self) -> str:
        """The case was deleted in another window."""
        return "This case was deleted elsewhere; copy anything you need, then escape."

    # ---- its draft (the causes checklist is a list, not a Field's text) -------------------

    def draft_target(self) -> tuple[int | None, int | None]:
        """The case being edited and the version it was read at."""
        return self._record.id, self._record.version

    def draft_values(self) -> dict[str, str | list[str]]:
        """Every field's text, and the ticked causes."""
        return {name: [str(v) for v in value] if isinstance(value, list) else str(value)
                for name, value in self._raw().items()}

    def restore_draft_values(self, values: Mapping[str, str | Sequence[str]]) -> None:
        """The fields, then the checklist of the draft's kind with its ticks."""
        super().restore_draft_values(values)
        kind_value = values.get("kind")
        causes = values.get("causes")
        kind = RejectionKind(kind_value) if isinstance(kind_value, str) and kind_value in {
            k.value for k in RejectionKind} else self._checklist_kind
        if isinstance(causes, list | tuple):
            self._checklist_kind = kind
            self._checklist.clear_options()
            self._checklist.add_options(self._cause_options(kind, [str(c) for c in causes]))


def _num(value: int | None) -> str:
    return "" if value is None else str(value)
