"""The bounce-back flow: acknowledge → wallow window → ritual → detective → feedback → moving.

Each step is its own screen (`FlowStep`, in `base.py`); its route is `flow.py` and the ways
into it are `entry.py`. Importing any module of the flow runs this first, and this imports
every step, so each step's screen has registered itself before `screen_for` asks for one
(the steps import `base`, never this package, so no import runs in a circle).
"""

from bounceback.screens.bounce import (
    acknowledge,
    detective,
    feedback,
    moving,
    ritual,
    wallow,
)

__all__ = ["acknowledge", "detective", "feedback", "moving", "ritual", "wallow"]
