"""Reading and evaluating large makefiles, with the peak RSS of each make."""


def test_parse_40000_lines(paired_benchmark):
    paired_benchmark("parse")


def test_parse_40000_lines_warm_cache(paired_benchmark):
    paired_benchmark("parse-warm")


def test_evaluation_2000_templates(paired_benchmark):
    paired_benchmark("evaluation")
