"""The cases app's small catalog, for the portal's online filing."""

from tests.cases.conftest import catalog  # noqa: F401 - a fixture shared with tests/cases
