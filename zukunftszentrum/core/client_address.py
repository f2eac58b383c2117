"""Which address a request came from, when the operator's reverse proxies stand in front. Pure.

Behind a proxy every request arrives from the proxy's address; each proxy appends the address it
saw to `X-Forwarded-For`. Only the entries the operator's own proxies wrote can be trusted: a
client may send the header with anything in it. With `trusted` proxies in front, the client's
address is the `trusted`-th entry from the right (the one the outermost own proxy saw). The
rule is allauth's (ALLAUTH_TRUSTED_PROXY_COUNT, set from the same setting), so the sign-in
limits, the lockout, the form limits and the audit log all name the same client.
"""

from __future__ import annotations

import ipaddress


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted: int) -> str | None:
    """The client's address; `None` when there is none that reads as an IP address.

    Without trusted proxies the header is ignored (anyone could forge it). With too few entries
    for the trusted proxies (a request that bypassed them), the direct peer is the client.
    """
    candidate = remote_addr
    if trusted > 0 and forwarded_for:
        entries = [entry.strip() for entry in forwarded_for.split(",")]
        if len(entries) >= trusted:
            candidate = entries[-trusted]
    return _clean(candidate)


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.5:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
