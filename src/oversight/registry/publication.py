"""Publication schemas of the registry: the public fields of each model."""
