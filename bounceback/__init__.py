"""bounceback: a terminal companion that turns every job rejection into data and momentum."""

__version__ = "0.1.0"
