"""Oversight: accountability for the trade in and use of surveillance technology."""

__version__ = "0.1.0"
