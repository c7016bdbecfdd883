"""Demo data: eight believable weeks of a job search, for first looks, snapshots and benchmarks.

`build_demo` fills an empty store with a mid-level software/product person's search that ends at
the store clock's "now": applications in every stage with coherent stage histories, the
rejections they led to (felt, diagnosed, followed up), the confidence file, daily goals and
check-ins. Everything is drawn from `random.Random(seed)` and dated from the clock, so the same
seed and clock always give the same rows (the snapshot tests rely on it).

All company names, people and e-mail addresses are invented; links point at example.com.
Rows go in with SQLAlchemy Core `insert()` in one write transaction, which is what lets
`scale=10_000` build in about a second.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select

from bounceback.clock import today
from bounceback.demo import plan, words
from bounceback.demo.habits import HabitRows, Row
from bounceback.demo.interviews import interview_rows
from bounceback.demo.materials import DemoMaterials, hard_fortnight
from bounceback.demo.planned import add_planned_case
from bounceback.domain import (
    FEELING_WORDS,
    FeedbackStatus,
    RejectionKind,
    Stage,
)
from bounceback.playbook.feedback import FeedbackAction, feedback_state
from bounceback.playbook.pipeline import Thresholds, silence
from bounceback.playbook.rituals import ritual_offer
from bounceback.playbook.triage import causes_for, classify, judge
from bounceback.store.applications import search_fold
from bounceback.store.mapping import table as core_table
from bounceback.store.models import (
    Answer,
    Application,
    CheckIn,
    Goal,
    GoalDay,
    GoalPlan,
    HelpAct,
    InterviewQuestion,
    InterviewRound,
    Material,
    Rejection,
    Ritual,
    RitualDone,
    Setting,
    StageEvent,
    Strength,
    WallowWindow,
    Win,
)
from bounceback.store.records import Settings

if TYPE_CHECKING:
    from bounceback.clock import Clock
    from bounceback.store.db import Store


WEEKS = 8

# Tables that must be empty before the demo goes in (the Setting row is kept if present).
_CONTENT_TABLES: tuple[type, ...] = (
    Material, Application, StageEvent, Rejection, WallowWindow, Ritual, RitualDone, Win,
    Strength, HelpAct, Goal, GoalPlan, GoalDay, CheckIn, InterviewRound, InterviewQuestion,
    Answer,
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many rows `build_demo` wrote to each table."""

    applications: int
    stage_events: int
    rejections: int
    wallow_windows: int
    rituals: int
    rituals_done: int
    wins: int
    strengths: int
    help_acts: int
    goals: int
    goal_days: int
    check_ins: int
    settings: int
    materials: int = 0
    interview_rounds: int = 0
    interview_questions: int = 0
    answers: int = 0

    @property
    def total(self) -> int:
        """Every row written."""
        return sum(getattr(self, f.name) for f in fields(self))


# ---- the plan for the default demo ---------------------------------------------------------


S = Stage
F = FeedbackStatus


# ---- the builder ----------------------------------------------------------------------------


def build_demo(store: Store, *, scale: int | None = None, seed: int = 7) -> DemoSummary:
    """Fill an empty store with the demo search and return how many rows went in.

    `scale=None` writes the hand-shaped demo (40 applications). `scale=N` writes exactly N
    applications (with N // 5 rejections and N // 5 wins) for benchmarks. Raises ValueError if
    the store already holds data: the demo never mixes with someone's real search.
    """
    if scale is not None and scale < 0:
        raise ValueError("scale must be zero or more")
    settings = store.settings.get()  # the user's own thresholds, if they already chose some
    with store.write() as session:
        conn = session.connection()
        for model in _CONTENT_TABLES:
            table = core_table(model)
            if conn.execute(select(func.count()).select_from(table)).scalar_one():
                raise ValueError(
                    f"The demo only fills an empty database; this one already has rows in "
                    f"{table.name!r}. Use a new file (--db PATH)."
                )
        chosen = conn.execute(select(core_table(Setting).c.id)).scalar() is not None
        demo = _Demo(store.clock, random.Random(seed), settings)
        tables = demo.build(scale)
        # keep the user's choices; the demo person signs their emails as Sam Rivera
        tables[Setting] = [] if chosen else [{"id": 1, "your_name": "Sam Rivera"}]
        for model, rows in tables.items():
            if rows:
                conn.execute(insert(core_table(model)), rows)
    n = {model: len(rows) for model, rows in tables.items()}
    return DemoSummary(
        applications=n[Application], stage_events=n[StageEvent], rejections=n[Rejection],
        wallow_windows=n[WallowWindow], rituals=n[Ritual], rituals_done=n[RitualDone],
        wins=n[Win], strengths=n[Strength], help_acts=n[HelpAct], goals=n[Goal],
        goal_days=n[GoalDay], check_ins=n[CheckIn], settings=n[Setting],
        materials=n[Material], interview_rounds=n[InterviewRound],
        interview_questions=n[InterviewQuestion], answers=n[Answer],
    )


class _Demo(HabitRows):
    """Invents the rows; pure Python, no database (the caller inserts them)."""

    def __init__(self, clock: Clock, rng: random.Random, settings: Settings) -> None:
        self.rng = rng
        self.settings = settings
        self.wallow_minutes = settings.wallow_minutes
        self.tz = clock.tz
        self.now = clock.now().astimezone(UTC)
        self.today = today(clock)
        self.start = self.today - timedelta(weeks=WEEKS)
        span = (self.today - self.start).days
        self.past_days = [self.start + timedelta(days=i) for i in range(span)]  # not today
        self.applied_days: Counter[date] = Counter()
        self.materials = DemoMaterials(self.start, self.today, self.at)
        self.rejection_days: Counter[date] = Counter()

    def at(self, day: date, minute: int) -> datetime:
        """`minute` minutes after local midnight of `day`, as aware UTC."""
        local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.tz)
        return local.astimezone(UTC)

    def local_day(self, moment: datetime) -> date:
        """The local calendar day of an aware moment."""
        return moment.astimezone(self.tz).date()

    # ---- plan ----------------------------------------------------------------------------

    def build(self, scale: int | None) -> dict[type, list[Row]]:
        """Every table's rows, in foreign-key order."""
        specs = list(plan.DEFAULT_PLAN) if scale is None else self._scale_plan(scale)
        untracked = scale is None or scale // 5 >= 1
        apps, events, closed = self._applications(specs, named=scale is None)
        rituals = self._rituals()
        rejections, windows, done = self._rejections(closed, untracked, len(rituals))
        if scale is None:
            hard_fortnight(rejections, self.today)
            # a "no" this morning, its wallow window planned for the evening
            add_planned_case(rejections, self.now, self.tz, self.wallow_minutes)
        wins = self._wins(len(words.WINS) if scale is None else scale // 5)
        goals = self._goals()
        rounds, questions, answers = interview_rows(events, rejections, self.local_day)
        return {
            Material: self.materials.rows(),  # before the applications that point at them
            Application: apps, StageEvent: events, Rejection: rejections,
            WallowWindow: windows, Ritual: rituals, RitualDone: done, Win: wins,
            Strength: self._strengths(), HelpAct: self._help(), Goal: goals,
            GoalPlan: [  # each goal's one plan so far: its target and days from its first day
                {"id": g["id"], "goal_id": g["id"], "starts_on": g["starts_on"],
                 "target": g["target"], "rrule": g["rrule"]} for g in goals
            ],
            GoalDay: self._goal_days(), CheckIn: self._check_ins(),
            InterviewRound: rounds, InterviewQuestion: questions, Answer: answers,
        }

    def _scale_plan(self, n: int) -> list[plan.Spec]:
        """Exactly `n` specs: N // 5 - 1 rejected (plus the untracked one), the rest spread."""
        rng = self.rng
        rejected = max(0, n // 5 - 1)
        pool = (
            [S.SAVED] * 5 + [S.APPLIED] * 12 + [S.SCREENING] * 4 + [S.INTERVIEWING] * 4
            + [S.FINAL_ROUND] * 2 + [S.OFFER, S.ACCEPTED] + [S.WITHDRAWN] * 2 + [S.GHOSTED] * 4
        )
        stages = [S.REJECTED] * rejected + [pool[i % len(pool)] for i in range(n - rejected)]
        rng.shuffle(stages)
        specs = []
        for stage in stages:
            rounds = rng.randint(1, 3)
            if stage is S.REJECTED:
                reached = rng.choices(
                    (S.APPLIED, S.SCREENING, S.INTERVIEWING, S.FINAL_ROUND), (60, 15, 15, 10)
                )[0]
                last_ago = rng.randint(1, 50)  # drawn before the feedback: the same demo
                feedback = rng.choice(
                    (F.NOT_ASKED, F.NOT_ASKED, F.ASKED, F.RECEIVED, F.NO_REPLY, F.LET_GO))
                specs.append(plan.Spec(stage, reached, rounds, last_ago, feedback=feedback))
            elif stage in (S.WITHDRAWN, S.GHOSTED):
                reached = rng.choice((S.APPLIED, S.SCREENING))
                specs.append(plan.Spec(stage, reached, rounds, rng.randint(0, 25)))
            elif stage is S.ACCEPTED:
                specs.append(plan.Spec(stage, stage, rounds, rng.randint(1, 40)))
            else:
                roll = rng.random()
                ago = rng.randint(0, 12) if roll < 0.8 else rng.randint(15, 20) if roll < 0.93 \
                    else rng.randint(22, 40)
                due = rng.randint(-5, 7)
                specs.append(plan.Spec(stage, stage, rounds, ago, due))
        return specs

    # ---- applications --------------------------------------------------------------------

    def _company(self, i: int, named: bool) -> tuple[str, str]:
        if named and i < len(words.COMPANIES):
            return words.COMPANIES[i]
        rng = self.rng
        name = f"{rng.choice(words.NAME_A)}{rng.choice(words.NAME_B)} {rng.choice(words.NAME_C)}"
        return name, rng.choice(words.MISSIONS)

    def _history(self, spec: plan.Spec) -> list[tuple[Stage, datetime]]:
        """Stage events with strictly increasing times, the last `spec.last_ago` days ago."""
        rng = self.rng
        stages = plan.path(spec, saved_first=rng.random() < 0.35)
        # Walk back from the last event; days[0] always belongs to stages[i].
        days = [self.today - timedelta(days=spec.last_ago)]
        for i in range(len(stages) - 1, -1, -1):
            if i < len(stages) - 1:
                gap = rng.randint(*plan.gap(stages[i], stages[i + 1]))
                days.insert(0, days[0] - timedelta(days=gap))
            if stages[i] in plan.WORKDAY_STAGES:
                while days[0].weekday() >= 5:
                    days[0] -= timedelta(days=1)
        days = [max(d, self.start) for d in days]  # a long story squeezed into the window
        times: list[datetime] = []
        for stage, day in zip(stages, days, strict=True):
            lo, hi = (540, 1050) if stage in plan.WORKDAY_STAGES else (450, 1320)
            t = self.at(day, rng.randint(lo, hi))
            if times and t <= times[-1]:
                t = times[-1] + timedelta(minutes=rng.randint(10, 90))
            times.append(t)
        latest = self.now - timedelta(minutes=rng.randint(3, 45))
        if times[-1] > latest:  # today's events happened before now
            shift = times[-1] - latest
            times = [t - shift for t in times]
        return list(zip(stages, times, strict=True))

    def _applications(
        self, specs: Sequence[plan.Spec], named: bool
    ) -> tuple[list[Row], list[Row], list[tuple[Row, plan.Spec, list[tuple[Stage, datetime]]]]]:
        """Application and StageEvent rows, plus the rejected ones for `_rejections`."""
        rng = self.rng
        drafts = []
        order = list(range(len(specs)))
        if named:
            rng.shuffle(order)  # which invented company gets which story
        for i, spec in zip(order, specs, strict=True):
            history = self._history(spec)
            drafts.append((history[0][1], i, spec, history))
        drafts.sort(key=lambda d: (d[0], d[1]))  # ids follow creation time
        apps: list[Row] = []
        events: list[tuple[datetime, int, Stage, str]] = []
        closed = []
        for app_id, (_, i, spec, history) in enumerate(drafts, start=1):
            row = self._application_row(app_id, i, spec, history, named)
            apps.append(row)
            rounds = 0
            for stage, at in history:
                rounds += stage is S.INTERVIEWING
                events.append((at, app_id, stage, self._event_note(stage, rounds)))
                if stage is S.APPLIED:
                    self.applied_days[self.local_day(at)] += 1
            if spec.stage is S.REJECTED:
                closed.append((row, spec, history))
        events.sort(key=lambda e: (e[0], e[1]))
        event_rows = [
            {"id": n, "application_id": a, "stage": s, "at": at, "note": note,
             "local_day": self.local_day(at)}
            for n, (at, a, s, note) in enumerate(events, start=1)
        ]
        return apps, event_rows, closed

    def _application_row(
        self, app_id: int, i: int, spec: plan.Spec, history: list[tuple[Stage, datetime]],
        named: bool,
    ) -> Row:
        rng = self.rng
        company, mission = self._company(i, named)
        product = rng.random() < 0.25
        role = spec.role or rng.choice(words.PRODUCT_ROLES if product else words.ENGINEERING_ROLES)
        duties = rng.sample(words.PRODUCT_DUTIES if product else words.ENG_DUTIES, 2)
        description = (
            f"{company} exists to {mission}. As our {role} you will {duties[0]} and {duties[1]}."
            f"\n\nYou bring: 3+ years with {', '.join(rng.sample(words.SKILLS, 3))}.\n"
            f"Nice to have: {rng.choice(words.NICE)}."
        )
        source = rng.choices([s for s, _ in words.SOURCES], [w for _, w in words.SOURCES])[0]
        reached_far = spec.reached not in (S.SAVED, S.APPLIED)
        contact_name = contact_email = ""
        if reached_far or source == "Referral" or rng.random() < 0.3:
            first, last = rng.choice(words.FIRST), rng.choice(words.LAST)
            contact_name = f"{first} {last}"
            contact_email = f"{first}.{last}@example.com".lower()
        notes = rng.choice(words.APP_NOTES)
        applied = [at for stage, at in history if stage is S.APPLIED]
        next_action, next_on = "", None
        if spec.due is not None:
            # What the Pipeline would flag: quiet past the stale (or ghost) threshold.
            thresholds = Thresholds(self.settings.stale_days, self.settings.ghost_days)
            quiet = silence(spec.stage, self.local_day(history[-1][1]), self.today, thresholds)
            next_action = (words.STALE_ACTION if quiet is not None
                           else rng.choice(words.NEXT_ACTIONS[spec.stage]))
            next_on = self.today + timedelta(days=spec.due)
            if spec.stage is S.APPLIED:  # the store's own default: follow up after N days
                next_on = self.local_day(applied[0]) + timedelta(
                    days=self.settings.follow_up_days)
        slug = company.lower().replace(" ", "-").replace("&", "and").replace(".", "")
        return {
            "id": app_id, "company": company, "role": role,
            "search_fold": search_fold(company, role, notes),
            "location": rng.choice(words.LOCATIONS), "url": f"https://example.com/jobs/{slug}/{app_id}",
            "source": source, "stage": spec.stage,
            "applied_on": self.local_day(applied[0]) if applied else None,
            "contact_name": contact_name, "contact_email": contact_email,
            "description": description, "notes": notes,
            "next_action": next_action, "next_action_on": next_on,
            "last_activity_at": history[-1][1], "created_at": history[0][1],
            "updated_at": history[-1][1], "deleted_at": None, "version": 1,
            "resume_id": self.materials.resume_for(
                self.local_day(applied[0]) if applied else None),
        }

    def _event_note(self, stage: Stage, rounds: int) -> str:
        rng = self.rng
        if stage is S.INTERVIEWING:
            return f"Round {rounds}: {rng.choice(words.ROUND_NOTES)}"
        return {
            S.SAVED: lambda: rng.choice(words.SAVED_NOTES),
            S.APPLIED: lambda: rng.choice(words.APPLIED_NOTES),
            S.SCREENING: lambda: "Recruiter call booked",
            S.FINAL_ROUND: lambda: "Final loop: four conversations in one afternoon",
            S.OFFER: lambda: "Verbal offer; written one to follow",
            S.ACCEPTED: lambda: "Signed",
            S.REJECTED: lambda: rng.choice(words.REJECTED_NOTES),
            S.WITHDRAWN: lambda: rng.choice(words.WITHDRAWN_NOTES),
            S.GHOSTED: lambda: "No reply in three weeks; marked ghosted",
        }[stage]()

    # ---- rejections, wallow windows, rituals ---------------------------------------------

    def _rituals(self) -> list[Row]:
        created = self.at(self.start, 9 * 60)
        return [
            {"id": n, "title": title, "position": n - 1, "retired": False, "created_at": created}
            for n, title in enumerate(words.RITUALS, start=1)
        ]

    def _rejections(
        self, closed: list[tuple[Row, plan.Spec, list[tuple[Stage, datetime]]]], untracked: bool,
        rituals: int,
    ) -> tuple[list[Row], list[Row], list[Row]]:
        """Rejection rows with the finished wallow window and ritual for each."""
        rng = self.rng
        items: list[
            tuple[datetime, int | None, str, str, Stage, int, RejectionKind, FeedbackStatus]
        ] = []
        for app, spec, history in closed:
            reached, rounds, kind = judge([stage for stage, _ in history])
            assert spec.feedback is not None
            items.append(
                (history[-1][1], app["id"], app["company"], app["role"], reached, rounds, kind,
                 spec.feedback)
            )
        if untracked:
            company, role, ago = plan.UNTRACKED
            day = self.today - timedelta(days=ago)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            at = self.at(day, 14 * 60 + 10)
            # what the untracked form records: the stage typed in, its kind read from it alone
            items.append((at, None, company, role, S.SCREENING, 0, classify([S.SCREENING]),
                          F.NO_REPLY))
        items.sort(key=lambda r: (r[0], r[1] or 0))
        rejections: list[Row] = []
        windows: list[Row] = []
        done: list[Row] = []
        ritual_ids = list(range(1, rituals + 1))
        last_ritual: int | None = None
        for n, (at, app_id, company, role, reached, rounds, kind, feedback) in enumerate(
            items, 1
        ):
            received = self.local_day(at)
            self.rejection_days[received] += 1
            created = at + timedelta(minutes=rng.randint(2, 40))
            started = created + timedelta(minutes=rng.randint(1, 3))
            ends = started + timedelta(minutes=self.wallow_minutes)
            early = rng.random() < 0.2
            cut = rng.randint(self.wallow_minutes // 2, self.wallow_minutes - 2)
            ended = started + timedelta(minutes=cut) if early else ends
            windows.append({
                "id": n, "rejection_id": n, "started_at": started,
                "minutes": self.wallow_minutes,
                "ends_at": ends, "ended_at": ended, "ended_early": early,
                "vent_text": rng.choice(words.VENTS),
            })
            # The Ritual step's offer (never the last one done); the person picks any of them.
            # Drawn from the offer in id order, so a seed keeps picking the same rituals.
            offered = ritual_offer(ritual_ids, last_ritual, count=rituals)
            ritual = rng.choice(sorted(offered))
            last_ritual = ritual
            done_at = ended + timedelta(minutes=rng.randint(5, 25))
            done.append({"id": n, "ritual_id": ritual, "rejection_id": n, "done_at": done_at})
            updated = done_at + timedelta(minutes=rng.randint(20, 50))
            asked_on = None
            if feedback is not F.NOT_ASKED:
                yesterday = self.today - timedelta(days=1)
                asked_on = min(received + timedelta(days=rng.randint(0, 1)), yesterday)
                let_go = self.settings.feedback_let_go_days
                state = feedback_state(F.ASKED, asked_on, yesterday, let_go)
                if feedback in (F.NO_REPLY, F.LET_GO) and (
                    state is not FeedbackAction.LET_GO_OFFER
                ):
                    feedback = F.ASKED  # the case offered no let-go before today: still waiting
                # "no reply" is marked the day the case offers it, "let go" the day after
                heard = {F.RECEIVED: rng.randint(1, 5), F.NO_REPLY: let_go, F.LET_GO: let_go + 1}
                touched = min(asked_on + timedelta(days=heard.get(feedback, 0)), yesterday)
                updated = max(updated, self.at(touched, 20 * 60))
            before = rng.randint(7, 9) if kind is RejectionKind.FINAL else rng.randint(3, 8)
            feelings = rng.sample(words.FEELINGS[kind], rng.randint(1, 2))
            if rng.random() < 0.3:
                feelings.append(rng.choice(("determined", "relieved")))
            assert all(word in FEELING_WORDS for word in feelings)
            # The detective's own checklist for this kind, as the Detective step offers it.
            checklist = causes_for(kind)
            causes = rng.sample(
                [c.key for c in checklist if not c.out_of_control], rng.randint(1, 2)
            )
            most = 2 if kind is RejectionKind.FINAL else 1
            out = rng.sample([c.key for c in checklist if c.out_of_control], rng.randint(0, most))
            causes = causes + out  # out-of-control ones are ticked causes too
            rejections.append({
                "id": n, "application_id": app_id, "company": company, "role": role,
                "received_on": received, "stage_reached": reached, "interview_rounds": rounds,
                "kind": kind, "kind_override_reason": "", "feelings": feelings,
                "feeling_note": rng.choice(words.FEELING_NOTES), "intensity_before": before,
                "intensity_after": max(1, before - rng.randint(2, 4)),
                "causes": causes, "out_of_control": out,
                "lessons": rng.choice(words.LESSONS[kind]) if rng.random() < 0.8 else "",
                "next_steps": rng.choice(words.NEXT_STEPS[kind]) if rng.random() < 0.8 else "",
                "feedback_status": feedback, "feedback_asked_on": asked_on,
                "feedback_text": words.FEEDBACK_TEXT[kind] if feedback is F.RECEIVED else "",
                "flow_step": "done", "created_at": created, "updated_at": updated, "version": 1,
            })
        return rejections, windows, done

__all__ = ["DemoSummary", "build_demo"]
