"""URLs: canonical form (the dedupe key) and address validation (the SSRF guard) — no sockets opened here.

`canonical_url(url)` lowercases scheme and host, IDNA-encodes the host, drops default ports, credentials, fragments
and tracking parameters (utm_*, fbclid, gclid, mc_*, ...), sorts the query, removes dot segments, normalises
percent-escapes and the trailing slash.

`check_address(url, resolver=..., allow=...)` refuses anything that is not a plain http(s) URL to a public address:
other schemes, credentials, loopback in every spelling (127.1, 2130706433, 0x7f.1, 017700000001, [::1],
[::ffff:127.0.0.1]), 0.0.0.0, private, shared (100.64/10), link-local and cloud metadata, multicast, reserved and
documentation ranges, IPv6 forms that embed a forbidden IPv4 (NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-mapped),
and any name that resolves to at least one forbidden address. Each refusal is a `FetchRefused` with a stable
`reason` code. `validate_url` does the same and returns the validated addresses, which the fetcher connects to
(pinning them, so a second DNS answer can never redirect the connection: DNS rebinding).

The allow-list (`allow=` or the `NEWSDESK_FETCH_ALLOW` environment variable: comma-separated host names, `*.suffix`
patterns, IPs or CIDRs) lets a user reach an intranet or a test reach its own 127.0.0.1 server. It never relaxes the
scheme or credential rules.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
import socket
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from newsdesk.settings import load_settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Iterable[str]]

ALLOW_ENV = "NEWSDESK_FETCH_ALLOW"  # read by newsdesk.settings (fetch_allow)
ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(Exception):
    """Base of every error the fetch path raises; `retryable` tells the run whether a later attempt may succeed."""

    retryable = False

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class FetchRefused(FetchError):
    """The URL (or a redirect hop) is not allowed: `reason` is a stable code such as 'loopback' or 'scheme'."""

    retryable = False

    def __init__(self, reason: str, detail: str = "", *, url: str | None = None) -> None:
        super().__init__(f"refused ({reason}){': ' + detail if detail else ''}", url=url)
        self.reason = reason
        self.detail = detail


# --------------------------------------------------------------------------------------------- address classes

_V4_RULES: list[tuple[str, str]] = [
    ("0.0.0.0/8", "unspecified"),  # "this network"; 0.0.0.0 reaches the local host on Linux
    ("127.0.0.0/8", "loopback"),
    ("10.0.0.0/8", "private"),
    ("172.16.0.0/12", "private"),
    ("192.168.0.0/16", "private"),
    ("100.64.0.0/10", "shared"),  # carrier-grade NAT (also Alibaba's metadata 100.100.100.200)
    ("169.254.169.254/32", "metadata"),  # AWS / GCP / Azure / OpenStack instance metadata
    ("169.254.0.0/16", "link-local"),
    ("192.0.0.0/24", "reserved"),  # IETF protocol assignments (incl. 192.0.0.192 Oracle metadata)
    ("192.0.2.0/24", "documentation"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("192.88.99.0/24", "reserved"),  # 6to4 relay anycast
    ("198.18.0.0/15", "reserved"),  # benchmarking
    ("224.0.0.0/4", "multicast"),
    ("255.255.255.255/32", "broadcast"),
    ("240.0.0.0/4", "reserved"),
]
_V6_RULES: list[tuple[str, str]] = [
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("64:ff9b:1::/48", "nat64"),  # local-use NAT64: translator inside the network
    ("2001::/32", "teredo"),  # client address is obfuscated: cannot be checked, refuse
    ("2001:db8::/32", "documentation"),
    ("fd00:ec2::254/128", "metadata"),  # AWS IPv6 instance metadata
    ("fc00::/7", "private"),  # unique local
    ("fe80::/10", "link-local"),
    ("fec0::/10", "private"),  # deprecated site-local
    ("ff00::/8", "multicast"),
    ("100::/64", "reserved"),  # discard-only
    ("2001::/23", "reserved"),  # IETF protocol assignments
    ("::/8", "reserved"),  # includes the deprecated IPv4-compatible ::a.b.c.d
]
_V4_NETS = [(ipaddress.ip_network(n), r) for n, r in _V4_RULES]
_V6_NETS = [(ipaddress.ip_network(n), r) for n, r in _V6_RULES]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_6TO4 = ipaddress.ip_network("2002::/16")


def address_problem(ip: IPAddress) -> str | None:
    """The reason code why `ip` must not be fetched from, or None when it is a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return "link-local"
        mapped = ip.ipv4_mapped
        if mapped is not None:  # ::ffff:a.b.c.d is the IPv4 address itself
            return address_problem(mapped)
        if ip in _NAT64:
            inner = address_problem(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
            return f"nat64-{inner}" if inner else None
        if ip in _6TO4:
            inner = address_problem(ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF))
            return f"6to4-{inner}" if inner else None
        for net, reason in _V6_NETS:
            if ip in net:
                return reason
    else:
        for net, reason in _V4_NETS:
            if ip in net:
                return reason
    if not ip.is_global:  # anything the standard library also knows as non-global
        return "reserved"
    return None


# ------------------------------------------------------------------------------------------------ host parsing

_NUM_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|[0-9]+)$")
_HOST_OK = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$")


def parse_ipv4_loose(host: str) -> ipaddress.IPv4Address | None:
    """Parse IPv4 the way inet_aton and browsers do (127.1, 2130706433, 0x7f.1, 017700000001, 0177.0.0.1).

    Returns None when `host` is not numeric; raises FetchRefused('invalid-host') when it looks numeric but is out of
    range (a browser refuses those too).
    """
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]
    if not parts or not _NUM_PART.match(parts[-1]):
        return None
    if len(parts) > 4 or not all(_NUM_PART.match(p) for p in parts):
        raise FetchRefused("invalid-host", f"{host!r} is neither an IPv4 address nor a host name")
    values = []
    for p in parts:
        if p[:2].lower() == "0x":
            values.append(int(p[2:] or "0", 16))
        elif len(p) > 1 and p.startswith("0"):
            if not all(c in "01234567" for c in p):
                raise FetchRefused("invalid-host", f"{host!r}: {p!r} is not octal")
            values.append(int(p, 8))
        else:
            values.append(int(p))
    last = values.pop()
    if any(v > 255 for v in values) or last >= 256 ** (4 - len(values)):
        raise FetchRefused("invalid-host", f"{host!r} is out of the IPv4 range")
    number = 0
    for v in values:
        number = number * 256 + v
    number = number * 256 ** (4 - len(values)) + last
    return ipaddress.IPv4Address(number)


def idna_host(host: str) -> str:
    """Lowercase ASCII (punycode) form of a host name; IP literals are returned in their standard form."""
    host = host.strip().rstrip(".").lower()
    if not host:
        raise FetchRefused("invalid-host", "empty host")
    if ":" in host:  # IPv6 literal (brackets already removed by urlsplit)
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError as exc:
            raise FetchRefused("invalid-host", f"{host!r}: {exc}") from None
    if host.isascii():
        return host
    try:
        import idna

        return idna.encode(host, uts46=True).decode("ascii")
    except Exception:
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise FetchRefused("invalid-host", f"{host!r}: {exc}") from None


# -------------------------------------------------------------------------------------------------- allow-list


@dataclass(frozen=True)
class AllowList:
    """Hosts (exact, or `*.suffix`) and networks that may be fetched even though they are not public."""

    hosts: frozenset[str] = frozenset()
    suffixes: tuple[str, ...] = ()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, spec: "str | Iterable[str] | AllowList | None") -> "AllowList":
        if isinstance(spec, AllowList):
            return spec
        if spec is None:
            spec = load_settings().fetch_allow
        items = spec.split(",") if isinstance(spec, str) else list(spec)
        hosts: set[str] = set()
        suffixes: list[str] = []
        nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for raw in items:
            item = str(raw).strip()
            if not item:
                continue
            try:
                nets.append(ipaddress.ip_network(item.strip("[]"), strict=False))
                continue
            except ValueError:
                pass
            if item.startswith(("*.", ".")):
                suffixes.append("." + idna_host(item.lstrip("*.")))
            else:
                hosts.add(idna_host(item))
        return cls(frozenset(hosts), tuple(suffixes), tuple(nets))

    def host_allowed(self, host: str) -> bool:
        return host in self.hosts or any(host.endswith(s) for s in self.suffixes)

    def ip_allowed(self, ip: IPAddress) -> bool:
        return any(ip.version == n.version and ip in n for n in self.networks)

    def __bool__(self) -> bool:
        return bool(self.hosts or self.suffixes or self.networks)


# ----------------------------------------------------------------------------------------------- validation


def default_resolver(host: str, port: int) -> list[str]:
    """System DNS (getaddrinfo): every address the name resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class Target:
    """A validated URL: where to connect (`addresses`, all of them checked) and what to call it (`host`)."""

    url: str
    scheme: str
    host: str  # lowercase ASCII (IDNA) host, IPv6 without brackets
    port: int
    addresses: tuple[str, ...]
    allowed_by: str | None = None  # the allow-list entry kind that let a non-public address through


_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


def validate_url(url: str, *, resolver: Resolver | None = None, allow: "str | Iterable[str] | AllowList | None" = None
                 ) -> Target:
    """Check `url` (scheme, credentials, host, every resolved address); return the addresses to connect to."""
    allow_list = AllowList.parse(allow)
    if not isinstance(url, str) or not url:
        raise FetchRefused("invalid-url", "empty URL", url=str(url))
    if any(c in url for c in "\x00\r\n\t") or any(ord(c) < 0x20 for c in url):
        raise FetchRefused("invalid-url", "control characters in URL", url=url)
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchRefused("invalid-url", str(exc), url=url) from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchRefused("scheme", f"{scheme or 'no'} scheme (only http and https)", url=url)
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise FetchRefused("credentials", "credentials in the URL", url=url)
    if "%" in parts.netloc and parts.netloc.startswith("[") and parts.hostname:  # [fe80::1%25eth0]: zone id
        try:
            zoned = ipaddress.IPv6Address(unquote(parts.hostname).split("%")[0])
        except ValueError:
            zoned = None
        if zoned is not None:
            raise FetchRefused(address_problem(zoned) or "invalid-host", f"{parts.netloc!r} (zone id)", url=url)
    if "\\" in parts.netloc or "%" in parts.netloc:
        raise FetchRefused("invalid-host", f"{parts.netloc!r}", url=url)
    raw_host = parts.hostname
    if not raw_host:
        raise FetchRefused("invalid-host", "no host", url=url)
    if port is None:
        port = DEFAULT_PORTS[scheme]
    if port == 0:
        raise FetchRefused("invalid-url", "port 0", url=url)
    try:
        host = idna_host(raw_host)
    except FetchRefused as exc:
        exc.url = url
        raise

    # literal addresses (every spelling) are checked without any resolver
    literal: IPAddress | None = None
    if ":" in host:
        literal = ipaddress.IPv6Address(host)
    else:
        try:
            literal = parse_ipv4_loose(host)
        except FetchRefused as exc:
            exc.url = url
            raise
        if literal is None and not _HOST_OK.match(host):
            raise FetchRefused("invalid-host", f"{host!r} is not a valid host name", url=url)

    if literal is not None:
        _check_ip(literal, allow_list, url, host)
        return Target(url, scheme, host, port, (str(literal),),
                      "network" if address_problem(literal) else None)

    by_name = allow_list.host_allowed(host)
    if not by_name and (host in _LOCAL_NAMES or host.endswith(".localhost")):
        raise FetchRefused("loopback", f"{host} is the local machine", url=url)
    try:
        answers = list((resolver or default_resolver)(host, port))
    except FetchError:
        raise
    except Exception as exc:  # gaierror, timeouts of an injected resolver...
        raise FetchRefused("dns", f"{host} does not resolve ({exc})", url=url) from None
    if not answers:
        raise FetchRefused("dns", f"{host} resolved to no address", url=url)
    addresses: list[str] = []
    non_public = False
    for answer in answers:
        try:
            ip = ipaddress.ip_address(str(answer))
        except ValueError:
            raise FetchRefused("dns", f"{host} resolved to {answer!r}, not an address", url=url) from None
        if not by_name:
            _check_ip(ip, allow_list, url, host)  # ANY forbidden answer refuses the name
        non_public = non_public or address_problem(ip) is not None
        addresses.append(str(ip))
    return Target(url, scheme, host, port, tuple(dict.fromkeys(addresses)),
                  ("host" if by_name else "network") if non_public else None)


def _check_ip(ip: IPAddress, allow_list: AllowList, url: str, host: str) -> None:
    problem = address_problem(ip)
    if problem is None or allow_list.ip_allowed(ip):
        return
    via = "" if str(ip) == host else f" ({host} -> {ip})"
    raise FetchRefused(problem, f"{ip}{via} is not a public address", url=url)


def check_address(url: str, *, resolver: Resolver | None = None,
                  allow: "str | Iterable[str] | AllowList | None" = None) -> None:
    """None when `url` may be fetched, else raise FetchRefused(reason). Opens no socket when `resolver` is given."""
    validate_url(url, resolver=resolver, allow=allow)


# ------------------------------------------------------------------------------------------------ canonical URL

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid",
    "li_fat_id", "mkt_tok", "_ga", "_gl", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
    "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "rb_clickid", "s_cid", "wickedid", "ncid", "cmpid",
    "ocid", "sr_share", "ref_src", "ref_url", "spm", "scid", "zanpid", "guccounter", "guce_referrer",
    "guce_referrer_sig", "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    "fb_action_ids", "fb_action_types", "fb_ref", "fb_source", "action_object_map", "action_type_map",
    "action_ref_map", "cvid", "trk", "trkcampaign", "sc_cid", "mbid", "smid", "smtyp",
})
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "matomo_", "hsa_", "__s", "_bta_", "itm_", "stm_")

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PCT = re.compile(r"%([0-9A-Fa-f]{2})")


def _is_tracking(name: str) -> bool:
    n = name.lower()
    return n in TRACKING_PARAMS or n.startswith(TRACKING_PREFIXES)


def _normalise_escapes(text: str, safe: str) -> str:
    """Uppercase %xx escapes, decode escaped unreserved characters, escape what must be escaped."""

    def fix(m: re.Match[str]) -> str:
        ch = chr(int(m.group(1), 16))
        return ch if ch in _UNRESERVED else "%" + m.group(1).upper()

    text = _PCT.sub(fix, text)
    return quote(text, safe=safe + "%")


def canonical_url(url: str) -> str:
    """One spelling per page: the key that makes URL variants (case, tracking, fragment, port, order, slash) one row.

    Non-http(s) URLs and URLs that cannot be parsed are returned stripped but otherwise unchanged.
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES or not parts.hostname:
        return url
    try:
        host = idna_host(parts.hostname)
    except FetchRefused:
        return url
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"

    path = parts.path or "/"
    path = _normalise_escapes(path, safe="/:@!$&'()*+,;=")
    segments_path = posixpath.normpath(path) if path not in ("", "/") else "/"
    if path.startswith("//"):  # normpath keeps a leading '//'; collapse it
        segments_path = "/" + segments_path.lstrip("/")
    if segments_path in (".", ""):
        segments_path = "/"
    if segments_path != "/" and segments_path.endswith("/"):
        segments_path = segments_path.rstrip("/") or "/"

    pairs = []
    for piece in parts.query.split("&") if parts.query else []:
        if not piece:
            continue
        name, eq, value = piece.partition("=")
        if _is_tracking(unquote(name.replace("+", " "))):
            continue
        name = _normalise_escapes(name, safe="!$'()*+,;:@/?")
        value = _normalise_escapes(value, safe="!$'()*+,;=:@/?")
        pairs.append(f"{name}{eq}{value}")
    pairs.sort()
    return urlunsplit((scheme, netloc, segments_path, "&".join(pairs), ""))


def same_page(a: str, b: str) -> bool:
    return canonical_url(a) == canonical_url(b)


__all__: Sequence[str] = (
    "ALLOW_ENV", "AllowList", "FetchError", "FetchRefused", "Target", "address_problem", "canonical_url",
    "check_address", "default_resolver", "idna_host", "parse_ipv4_loose", "same_page", "validate_url",
)
