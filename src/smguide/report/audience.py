"""Who a report is for, for whom they turn to (issue 19 item 3).

A foster parent has a resource worker, not a supervisor; a volunteer, student or
contractor has the Society staff member who supervises them; a supervisor, their own
manager. The pack's role question says who the person is; any other role reads as a
worker's.
"""

from __future__ import annotations

from collections.abc import Mapping

ROLE_QUESTION = "role"
WORKER = "worker"
AUDIENCES: dict[str, str] = {
    "foster_parent": "caregiver", "adoptive_parent": "caregiver",
    "kinship_parent": "caregiver", "volunteer": "volunteer", "student": "volunteer",
    "contractor": "volunteer", "supervisor": "supervisor"}


def audience(answers: Mapping[str, str]) -> str:
    """caregiver, volunteer, supervisor or worker."""
    return AUDIENCES.get(answers.get(ROLE_QUESTION, ""), WORKER)
