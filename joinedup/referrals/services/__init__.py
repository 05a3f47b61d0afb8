"""Every change to a referral or an A&G request: sending, the one table of allowed steps, clocks, audit, email.

Split by what each part does: ``table`` (the steps, who may take each, clocks), ``attachments``,
``sending``, ``steps`` (taking one), ``events`` (timeline rows) and ``email``. Each step locks the
row (``select_for_update``) and checks the version the person was looking at, so when two people
act at once one wins and the other is told; nothing is applied twice. Pages and tests use the
names below.
"""

from joinedup.core.concurrency import StaleAction as StaleAction  # pages and tests catch services.StaleAction

from .attachments import ALLOWED_TYPES as ALLOWED_TYPES
from .attachments import attachment_type as attachment_type
from .attachments import check_attachment as check_attachment
from .attachments import too_big as too_big
from .sending import new_ubrn as new_ubrn
from .sending import request_send as request_send
from .sending import send_problems as send_problems
from .sending import shortlist_entry as shortlist_entry
from .steps import attachment_downloaded as attachment_downloaded
from .steps import mark_seen as mark_seen
from .steps import request_act as request_act
from .steps import request_viewed as request_viewed
from .table import ACTIONS as ACTIONS
from .table import FINISHING as FINISHING
from .table import TRANSITIONS as TRANSITIONS
from .table import WORKFLOW as WORKFLOW
from .table import Party as Party
from .table import Transition as Transition
from .table import advice_due as advice_due
from .table import allowed_actions as allowed_actions
from .table import due_for as due_for
from .table import parties_of as parties_of
from .table import step_named as step_named
from .table import triage_due as triage_due
