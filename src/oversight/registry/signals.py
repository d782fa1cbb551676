"""What the registry tells the apps above it (they listen; the registry imports none of them)."""

from django.dispatch import Signal

# A moratorium came into force, or changed, in a jurisdiction; sent after the commit.
# Arguments: jurisdiction (the `Jurisdiction`, as saved).
moratorium_declared = Signal()
