"""How a workflow knows a case must be paid for before it moves on.

An action needs payment when the workflow says so (`payment_required: true`) or when it
issues the product (it enters a terminal state with outcome `issued`): the product is never
handed over unpaid, whichever workflow a service uses. A case without a bill (no fee) is
always settled; a bill is settled once paid or waived.
"""

from __future__ import annotations

from typing import Any

from balai.payments.choices import SETTLED_STATUSES
from balai.payments.models import Bill


def action_needs_payment(step: Any, entering: Any) -> bool:
    return bool(step.payment_required) or (entering.terminal and entering.outcome == "issued")


def case_payment_settled(case: Any) -> bool:
    status = Bill.objects.filter(case_id=case.pk).values_list("status", flat=True).first()
    return status is None or status in SETTLED_STATUSES
