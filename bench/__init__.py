"""Benchmarks, run by their own command (`python -m bench`), never by the tests."""
