"""Payment errors have the cases' shape: an HTTP status, an English code, a message for people."""

from balai.cases.errors import CaseError


class PaymentError(CaseError):
    pass
