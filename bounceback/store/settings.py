"""Settings repository: one row with the playbook's defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bounceback.sanitize import clean_text
from bounceback.store.errors import ValidationError
from bounceback.store.models import Setting
from bounceback.store.records import Settings
from bounceback.store.wallow import MAX_MINUTES, MIN_MINUTES

LIMITS: dict[str, tuple[int, int]] = {
    "wallow_minutes": (MIN_MINUTES, MAX_MINUTES),
    "stale_days": (1, 365),
    "ghost_days": (1, 365),
    "follow_up_days": (1, 90),
    "min_active": (0, 100),
    "feedback_let_go_days": (1, 90),
}
"""Each setting's lowest and highest value, both allowed."""


def settings_problems(values: dict[str, object]) -> dict[str, str]:
    """A message per setting that is unknown or out of range (empty when all are fine)."""
    errors: dict[str, str] = {}
    for name, value in values.items():
        if name not in LIMITS:
            errors[name] = f"Unknown setting {name!r}"
            continue
        low, high = LIMITS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[name] = f"{name} must be between {low} and {high}"
    return errors

if TYPE_CHECKING:
    from bounceback.store.database import Database


THEME_CAP = 40
"""The `setting.theme` column is VARCHAR(40)."""
NAME_CAP = 200
"""The `setting.your_name` column is VARCHAR(200)."""


class SettingsRepo:
    """Read and change the one Setting row (created with defaults on first read)."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def get(self) -> Settings:
        """The current settings (defaults when never saved)."""
        with self._db.read() as s:
            row = s.get(Setting, 1)
            if row is None:
                return Settings()
            return Settings(
                wallow_minutes=row.wallow_minutes,
                stale_days=row.stale_days,
                ghost_days=row.ghost_days,
                follow_up_days=row.follow_up_days,
                min_active=row.min_active,
                feedback_let_go_days=row.feedback_let_go_days,
                theme=row.theme,
                your_name=row.your_name,
                rituals_planned_at=row.rituals_planned_at,
            )

    def update(self, **values: int) -> Settings:
        """Change some settings; unknown names or out-of-range numbers raise ValidationError."""
        errors = settings_problems({k: int(v) for k, v in values.items()})
        if errors:
            raise ValidationError(errors)
        with self._db.write() as s:
            row = s.get(Setting, 1) or Setting(id=1)
            for name, value in values.items():
                setattr(row, name, int(value))
            s.add(row)
        return self.get()

    def set_theme(self, name: str) -> Settings:
        """Remember the colour theme by name ("" = the default); ValidationError past 40 chars."""
        name = clean_text(name, single_line=True).strip()
        if len(name) > THEME_CAP:
            raise ValidationError({"theme": f"A theme name is at most {THEME_CAP} characters."})
        with self._db.write() as s:
            row = s.get(Setting, 1) or Setting(id=1)
            row.theme = name
            s.add(row)
        return self.get()

    def set_your_name(self, name: str) -> Settings:
        """The name emails are signed with ("" = asked, and chose not to give one)."""
        name = clean_text(name, single_line=True).strip()
        if len(name) > NAME_CAP:
            raise ValidationError({"your_name": f"A name is at most {NAME_CAP} characters."})
        with self._db.write() as s:
            row = s.get(Setting, 1) or Setting(id=1)
            row.your_name = name
            s.add(row)
        return self.get()

    def mark_rituals_planned(self) -> Settings:
        """The calm-day invitation to plan rituals was answered (planned, or "not now")."""
        with self._db.write() as s:
            row = s.get(Setting, 1) or Setting(id=1)
            row.rituals_planned_at = self._db.clock.now()
            s.add(row)
        return self.get()
