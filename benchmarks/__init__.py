"""Ratio benchmarks: each result is measured against a baseline taken in the same run."""
