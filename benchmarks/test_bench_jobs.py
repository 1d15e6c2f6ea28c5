"""Parallel recipe scheduling at -j8."""


def test_jobs_400_empty_recipes(paired_benchmark):
    paired_benchmark("jobs-empty")


def test_jobs_400_true_processes(paired_benchmark):
    paired_benchmark("jobs-true")


def test_jobs_64_sleeps(paired_benchmark):
    paired_benchmark("jobs-sleep")
