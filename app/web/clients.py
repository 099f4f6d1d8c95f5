"""Who is the client: the TCP peer, or the X-Forwarded-For address a trusted proxy reports. Pure.

X-Forwarded-For is honoured only when the peer is one of the trusted proxies; then the right-most address that
is not itself a trusted proxy is the client (everything left of it was written by the client and can be forged).
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """"10.0.0.5", "10.1.0.0/16", "::1" -> networks; raises ValueError naming a bad entry."""
    nets = []
    for entry in entries:
        try:
            nets.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as err:
            raise ValueError(f"LAWDESK_TRUSTED_PROXIES: 无法识别的地址 {entry!r}") from err
    return tuple(nets)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip in net for net in trusted)


def client_address(peer: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The address to key limits on."""
    if not forwarded_for or not trusted or not is_trusted(peer, trusted):
        return peer
    for hop in reversed(forwarded_for.split(",")):
        ip = _ip(hop)
        if ip is None:  # garbage from the client side: stop at the last hop we can trust
            break
        if not any(ip in net for net in trusted):
            return str(ip)
    return peer
