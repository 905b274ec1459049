"""`{% case_documents_panel case %}`: a case page's issued documents, with their file, their
verification link and, for the office's signer, a re-issue form. The case page has already
checked that the viewer may see the case; that is what lets them see its documents."""

from __future__ import annotations

from typing import Any

from django import template

from balai.accounts.permissions import can
from balai.documents.case_products import case_documents
from balai.documents.choices import DocumentStatus

register = template.Library()


@register.inclusion_tag("documents/_case_documents.html", takes_context=True)
def case_documents_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    user = context["request"].user
    rows = [
        {
            "document": document,
            "may_reissue": document.status == DocumentStatus.ISSUED
            and can(user, "documents.issue", document)
            and can(user, "documents.revoke", document),
        }
        for document in case_documents(case=case)
    ]
    return {"rows": rows, "case": case, "csrf_token": context.get("csrf_token")}
