"""Benchmarks for coach: run with `uv run python -m benchmarks`. Never part of pytest."""
