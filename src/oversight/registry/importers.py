"""Importers for registry kinds (transfers, uk-licences, control-entries)."""
