"""Một Cửa Desk — the offline-first desk app of a commune's one-stop desk."""

__version__ = "0.1.0"
