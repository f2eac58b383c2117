"""Which address a request came from, with and without the operator's proxies in front."""

from __future__ import annotations

import pytest

from zukunftszentrum.core.client_address import client_address


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "trusted", "expected"),
    [
        # no proxy: the direct peer, and a header sent by the client is not believed
        ("192.0.2.10", None, 0, "192.0.2.10"),
        ("192.0.2.10", "203.0.113.9", 0, "192.0.2.10"),
        # one proxy (nginx): the entry it appended, the rightmost
        ("10.0.0.2", "192.0.2.10", 1, "192.0.2.10"),
        ("10.0.0.2", "203.0.113.9, 192.0.2.10", 1, "192.0.2.10"),  # left part forged
        ("10.0.0.2", "203.0.113.9,192.0.2.10", 1, "192.0.2.10"),
        # two proxies (a load balancer, then nginx): the second entry from the right
        ("10.0.0.2", "192.0.2.10, 10.0.0.1", 2, "192.0.2.10"),
        ("10.0.0.2", "203.0.113.9, 192.0.2.10, 10.0.0.1", 2, "192.0.2.10"),
        # fewer entries than proxies (the request bypassed one): the direct peer
        ("10.0.0.2", "192.0.2.10", 2, "10.0.0.2"),
        ("10.0.0.2", None, 1, "10.0.0.2"),
        ("10.0.0.2", "", 1, "10.0.0.2"),
        # IPv6, ports and brackets are normalised; anything else is no address
        ("2001:DB8::1", None, 0, "2001:db8::1"),
        ("10.0.0.2", "[2001:db8::7]:443", 1, "2001:db8::7"),
        ("10.0.0.2", "192.0.2.10:51234", 1, "192.0.2.10"),
        ("10.0.0.2", "unknown", 1, None),
        ("10.0.0.2", "192.0.2.10, <script>", 1, None),
        (None, None, 0, None),
        ("", None, 0, None),
    ],
)
def test_client_address(remote_addr, forwarded_for, trusted, expected) -> None:
    assert client_address(remote_addr, forwarded_for, trusted) == expected
