import pytest

# The shared harness asserts on output; rewriting its asserts makes a
# failure show the expected and actual text.
pytest.register_assert_rewrite("mkrun")
