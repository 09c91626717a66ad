"""Benchmarks: `make bench` runs every module and prints one table of figures."""
