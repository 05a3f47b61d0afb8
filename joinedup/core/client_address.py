"""The address a request came from, behind however many proxies the deployment trusts.

Behind a load balancer every request's REMOTE_ADDR is the balancer's. Each trusted proxy appends
the address it received the request from to X-Forwarded-For, so with ``TRUSTED_PROXY_COUNT``
proxies in front, the client is the entry that many places from the right. Entries further
left were written by the client itself and are never believed; with no trusted proxy the header
is ignored altogether, so nobody can choose their own address by sending it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote  # fewer hops than proxies: the request did not come the way the deployment says
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
