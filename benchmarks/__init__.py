"""Benchmarks of l10n against the tools its users would otherwise pick (python -m benchmarks)."""
