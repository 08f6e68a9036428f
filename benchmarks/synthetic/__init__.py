"""The benchmark corpus generator behind benchmarks/generate.py: its text as YAML, its code one job per module."""
