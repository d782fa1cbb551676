"""Signals accounts sends for apps on higher floors (grievances re-wraps its keys)."""

from django.dispatch import Signal

# Sent inside the transaction that changes a password, with `user`, `old_password`
# (None after a reset by e-mail, when the old one is unknown) and `new_password`.
password_changed = Signal()
