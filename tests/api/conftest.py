"""Fixtures for the API as a whole: those of the cases and payments tests, shared."""

from tests.cases.conftest import (  # noqa: F401  (fixtures reused from the cases tests)
    letter_service,
    letter_standard,
    operator,
    submit_letter,
    village_agency,
)
from tests.payments.conftest import fee_setup, gateway, media, submit_fee  # noqa: F401
