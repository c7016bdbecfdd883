"""The demo's confidence file and habits: wins, strengths, help given, goals and check-ins.

A mixin of `build._Demo` (which sets the attributes declared here); pure Python, no database.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from bounceback.demo import words
from bounceback.domain import GoalSource, WinCategory
from bounceback.playbook.goals import DAILY_RRULE, WEEKDAYS_RRULE, scheduled_days
from bounceback.store.wins import win_fold

Row = dict[str, Any]


class HabitRows:
    """Rows for the confidence file and the daily habits of the demo's eight weeks."""

    rng: random.Random
    today: date
    start: date
    past_days: list[date]
    applied_days: Counter[date]
    rejection_days: Counter[date]

    def at(self, day: date, minute: int) -> datetime:
        """`minute` minutes after local midnight of `day` (the builder's own clock)."""
        raise NotImplementedError

    def local_day(self, moment: datetime) -> date:
        """The local calendar day of an aware moment (the builder's own zone)."""
        raise NotImplementedError

    # ---- the confidence file -------------------------------------------------------------

    def _wins(self, count: int) -> list[Row]:
        """The curated wins first, then invented variations up to `count`."""
        rng = self.rng
        rows: list[Row] = []
        categories = list(WinCategory)
        for n in range(1, count + 1):
            if n <= len(words.WINS):
                title, category, story, impact, tags, ago, pinned = words.WINS[n - 1]
                tag_list = list(tags)
            else:
                category = categories[n % len(categories)]
                topic = rng.choice(words.WIN_TOPICS)
                title_t, impact_t = words.WIN_TEMPLATES[category]
                title = title_t.format(x=topic)
                impact = impact_t.format(n=rng.randint(2, 60))
                story = f"Work on {topic} at a previous job, written down during the search."
                tag_list = [topic.replace(" ", "-"), category.value]
                ago, pinned = rng.randint(30, 3000), False
            created = self.at(self.start + timedelta(days=min(n - 1, 6)), 20 * 60 + n % 60)
            happened = self.today - timedelta(days=ago)
            if happened > self.start:  # written down when it happened
                created = self.at(happened, 21 * 60)
            rows.append({
                "id": n, "title": title, "story": story, "category": category,
                "happened_on": happened, "impact": impact, "tags": tag_list,
                "search_fold": win_fold(title, story, impact, tag_list),
                "pinned": pinned, "last_shown_at": None, "created_at": created,
                "updated_at": created, "deleted_at": None, "version": 1,
                "local_day": self.local_day(created),
            })
        return rows

    def _strengths(self) -> list[Row]:
        created = self.at(self.start + timedelta(days=1), 21 * 60)
        return [
            {"id": n, "text": text, "kind": kind, "position": n - 1, "last_shown_at": None,
             "created_at": created}
            for n, (text, kind) in enumerate(words.STRENGTHS, start=1)
        ]

    def _help(self) -> list[Row]:
        rows = []
        for n, (kind, who, what, offset) in enumerate(words.HELP, start=1):
            day = min(self.start + timedelta(days=offset), self.today - timedelta(days=1))
            rows.append({"id": n, "kind": kind, "who": who, "what": what, "happened_on": day,
                         "created_at": self.at(day, 19 * 60 + 30)})
        return rows

    # ---- goals and check-ins -------------------------------------------------------------

    def _goals(self) -> list[Row]:
        created = self.at(self.start, 9 * 60 + 15)
        goals = (
            ("Apply to targeted roles", 2, "applications", WEEKDAYS_RRULE,
             GoalSource.APPLICATIONS),
            ("Send a networking email", 1, "email", WEEKDAYS_RRULE, None),
            ("Learning", 30, "minutes", DAILY_RRULE, None),
        )
        return [
            {"id": n, "title": title, "target": target, "unit": unit, "rrule": rule,
             "auto_source": source, "position": n - 1, "active": True, "starts_on": self.start,
             "created_at": created}
            for n, (title, target, unit, rule, source) in enumerate(goals, start=1)
        ]

    def _goal_days(self) -> list[Row]:
        """Past days only: the applications goal counts what the pipeline shows was sent."""
        rng = self.rng
        # The goals' own schedule decides the working days (the first two goals' rule).
        first, last = self.past_days[0], self.past_days[-1]
        workdays = scheduled_days(WEEKDAYS_RRULE, self.start, first, last)
        weekdays = [d for d in self.past_days if d in workdays]
        quiet = [d for d in weekdays if not self.applied_days[d]] or weekdays
        rest = set(rng.sample(quiet, min(2, len(quiet))))
        rows: list[Row] = []

        def add(goal: int, day: date, count: int, is_rest: bool = False) -> None:
            rows.append({"id": len(rows) + 1, "goal_id": goal, "day": day, "count": count,
                         "rest": is_rest})

        for day in self.past_days:
            workday = day in workdays
            if day in rest:
                for goal in (1, 2, 3):
                    add(goal, day, self.applied_days[day] if goal == 1 else 0, True)
                continue
            if workday and self.applied_days[day]:
                add(1, day, self.applied_days[day])
            if workday and rng.random() < 0.75:
                add(2, day, 1 if rng.random() < 0.85 else 2)
            if day.weekday() == 6 and rng.random() < 0.4:
                add(3, day, 0, True)
                continue
            roll = rng.random()
            if roll < 0.62:
                add(3, day, rng.choice((30, 30, 35, 40, 45, 60)))
            elif roll < 0.85:
                add(3, day, rng.choice((10, 15, 20, 25)))
        return rows

    def _check_ins(self) -> list[Row]:
        """Most past days; mood climbs slowly and dips on (and after) a rejection."""
        rng = self.rng
        rows: list[Row] = []
        span = max(len(self.past_days) - 1, 1)
        for i, day in enumerate(self.past_days):
            if rng.random() < (0.25 if day.weekday() >= 5 else 0.06):
                continue
            mood = 2.8 + 1.2 * i / span + rng.uniform(-0.6, 0.6)
            if self.rejection_days[day]:
                mood -= 1.5
            elif self.rejection_days[day - timedelta(days=1)]:
                mood -= 0.7
            created = self.at(day, rng.randint(7 * 60 + 30, 9 * 60 + 30))
            rows.append({
                "id": len(rows) + 1, "day": day, "mood": min(5, max(1, round(mood))),
                "control": rng.choice(words.CONTROL), "note": rng.choice(words.CHECKIN_NOTES),
                "created_at": created, "updated_at": created,
            })
        return rows
