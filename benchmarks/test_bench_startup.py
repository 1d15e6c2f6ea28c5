"""Start-up cost and up-to-date checking: the time a make takes when it has nothing to run."""


def test_startup_empty_rule(paired_benchmark):
    paired_benchmark("startup")


def test_noop_10000_objects(paired_benchmark):
    paired_benchmark("noop")
