"""Sets ``request.actor``: the signed-in person in the role they chose to act in."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .access import Actor
from .models import RoleAssignment

SESSION_KEY = "joinedup_role_assignment_id"


class CurrentRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = self._actor_for(request)  # type: ignore[attr-defined]
        return self.get_response(request)

    @staticmethod
    def _actor_for(request: HttpRequest) -> Actor | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        assignments = list(RoleAssignment.objects.filter(person=user).select_related("organisation"))
        if not assignments:
            return None
        chosen_id = request.session.get(SESSION_KEY)
        chosen = next((a for a in assignments if a.id == chosen_id), assignments[0])
        actor = Actor(person=user, assignment=chosen)  # type: ignore[arg-type]
        request.role_assignments = assignments  # type: ignore[attr-defined]
        return actor
