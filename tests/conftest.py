import os
import tempfile

import pytest

# The shared harness asserts on output; rewriting its asserts makes a
# failure show the expected and actual text.
pytest.register_assert_rewrite("mkrun")

# pymake keeps its parse cache under XDG_CACHE_HOME; the tests and the
# makes they start use a private one, so that a run never writes into the
# user's cache.  Tests that check the cache set their own directory.
_CACHE_DIR = tempfile.TemporaryDirectory(prefix="pymake-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_DIR.name
