"""The client's address, the one helper that the audit, the sign-in lockout and the feedback rate limit use.

gunicorn sees only the reverse proxy: nginx on the same host (loopback) or, with several hosts, on a host
of its own. TRUSTED_PROXIES lists the proxies' addresses or networks (default loopback). A request from one
of them carries the visitor in X-Forwarded-For, each proxy appending the address it saw; the client is the
right-most address there that is not a trusted proxy. Everything left of it was written by the client and
proves nothing. From any other peer the header is the sender's own claim and is ignored.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


def _address(text):
    """An address (an IPv4 address mapped into IPv6 as the IPv4 one), or None if `text` is not one."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


@functools.lru_cache(maxsize=8)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an address or a network (e.g. 127.0.0.1 or 10.0.0.0/8)"
            ) from None
    return tuple(networks)


def trusted_networks():
    entries = settings.TRUSTED_PROXIES
    return _networks(tuple([entries] if isinstance(entries, str) else entries))


def is_trusted(address, networks=None):
    networks = trusted_networks() if networks is None else networks
    return address is not None and any(address in network for network in networks)


def client_address(request):
    """The client's address as text: the peer, or behind trusted proxies the address they forwarded.

    "" when there is none; the text as given when the peer is not an address (never from a real server).
    """
    peer = request.META.get("REMOTE_ADDR", "")
    peer_address = _address(peer)
    networks = trusted_networks()
    if not is_trusted(peer_address, networks):
        return str(peer_address) if peer_address else peer
    client = peer_address
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # not what a proxy writes: what is left of it is the client's own claim
        client = address
        if not is_trusted(address, networks):
            break
    return str(client)


def address_of(request):
    """The client's address for the database (audit, lockout), or None without a request or an address."""
    if request is None:
        return None
    address = _address(client_address(request))
    return str(address) if address else None


@register(Tags.security)
def check_trusted_proxies(app_configs, **kwargs):
    try:
        trusted_networks()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="disclosure.E101")]
    return []
