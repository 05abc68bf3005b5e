"""urls.py: canonical URLs (the dedupe key) and the address validator, with no sockets (DNS is a fake)."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fetch_catalogue as cat
from fetch_harness import FakeResolver, NoSockets
from newsdesk.sources.urls import (
    ALLOW_ENV, AllowList, FetchRefused, address_problem, canonical_url, check_address, parse_ipv4_loose, validate_url,
)

RESOLVER = FakeResolver(cat.RESOLVER_TABLE)


@pytest.mark.parametrize("url,reason", cat.FORBIDDEN_CASES, ids=[u for u, _ in cat.FORBIDDEN_CASES])
def test_forbidden_address_is_refused_with_its_reason(url: str, reason: str) -> None:
    with NoSockets() as guard:
        with pytest.raises(FetchRefused) as info:
            check_address(url, resolver=RESOLVER, allow="")
    assert info.value.reason == reason
    assert guard.attempts == 0


@pytest.mark.parametrize("url", cat.PUBLIC_CASES)
def test_public_fixture_is_accepted(url: str) -> None:
    with NoSockets():
        assert check_address(url, resolver=RESOLVER, allow="") is None


def test_validate_returns_every_checked_address_for_pinning() -> None:
    target = validate_url("https://news.test/a", resolver=RESOLVER, allow="")
    assert target.addresses == ("93.184.216.34", "2606:2800:220:1::1")
    assert (target.scheme, target.host, target.port) == ("https", "news.test", 443)


@pytest.mark.parametrize("spelling", ["127.1", "2130706433", "0x7f.1", "0x7f000001", "017700000001", "0177.0.0.1",
                                      "127.0.1", "127.000.000.001", "0x7F.0x0.0x0.0x1"])
def test_loose_ipv4_spellings_all_mean_loopback(spelling: str) -> None:
    assert parse_ipv4_loose(spelling) == ipaddress.IPv4Address("127.0.0.1")


def test_names_are_not_ipv4() -> None:
    assert parse_ipv4_loose("example.com") is None
    assert parse_ipv4_loose("1.example") is None
    with pytest.raises(FetchRefused):
        parse_ipv4_loose("1.2.3.4.5")


@pytest.mark.parametrize("ip,problem", [
    ("8.8.8.8", None), ("2606:4700:4700::1111", None), ("64:ff9b::808:808", None),
    ("64:ff9b::7f00:1", "nat64-loopback"), ("2002:0a00:0001::", "6to4-private"), ("::ffff:10.0.0.1", "private"),
    ("::127.0.0.1", "reserved"), ("100.127.255.255", "shared"), ("fd00:ec2::254", "metadata"),
])
def test_address_problem(ip: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(ip)) == problem


def test_allow_list_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_ENV, "127.0.0.1, intranet.corp, *.lab.corp, 10.1.0.0/16")
    resolver = FakeResolver({"intranet.corp": ["10.9.9.9"], "x.lab.corp": ["10.8.8.8"], "other.corp": ["10.1.2.3"],
                             "evil.corp": ["10.2.0.1"]})
    check_address("http://127.0.0.1:8000/", resolver=resolver)
    check_address("http://intranet.corp/", resolver=resolver)  # allowed by name
    check_address("http://x.lab.corp/", resolver=resolver)  # by suffix
    check_address("http://other.corp/", resolver=resolver)  # by network
    for url in ("http://127.0.0.2/", "http://evil.corp/", "http://[::1]/", "http://169.254.169.254/"):
        with pytest.raises(FetchRefused):
            check_address(url, resolver=resolver)
    # an explicit argument replaces the environment
    with pytest.raises(FetchRefused):
        check_address("http://127.0.0.1:8000/", resolver=resolver, allow="")
    assert AllowList.parse("") == AllowList()


def test_allow_list_never_relaxes_scheme_or_credentials() -> None:
    for url, reason in (("file:///etc/passwd", "scheme"), ("http://a:b@127.0.0.1/", "credentials")):
        with pytest.raises(FetchRefused) as info:
            check_address(url, resolver=RESOLVER, allow="0.0.0.0/0,::/0,127.0.0.1")
        assert info.value.reason == reason


# ------------------------------------------------------------------------------------------ canonical URLs

CANON = "https://news.example/world/kyiv-talks?id=7&page=2"


@pytest.mark.parametrize("variant", [
    "https://news.example/world/kyiv-talks?id=7&page=2",
    "HTTPS://NEWS.EXAMPLE/world/kyiv-talks?page=2&id=7",
    "https://news.example:443/world/kyiv-talks/?id=7&page=2",
    "https://news.example/world/kyiv-talks?id=7&page=2#comments",
    "https://news.example/world/kyiv-talks?utm_source=tw&id=7&utm_medium=social&page=2&fbclid=abc",
    "https://news.example/world/kyiv-talks?id=7&gclid=x&page=2&mc_cid=1&mc_eid=2&_ga=3",
    "https://news.example/world/./x/../kyiv-talks?id=7&page=2",
    "https://news.example/world/kyiv%2Dtalks?id=%37&page=2",
    "  https://news.example/world/kyiv-talks?id=7&page=2&  ",
    "https://news.example./world/kyiv-talks?id=7&page=2",
])
def test_url_variants_share_one_canonical_form(variant: str) -> None:
    assert canonical_url(variant) == CANON


def test_canonical_details() -> None:
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("http://example.com:8080/a/") == "http://example.com:8080/a"
    assert canonical_url("http://bücher.example/ä") == "http://xn--bcher-kva.example/%C3%A4"
    assert canonical_url("http://[2001:DB8::1]:80/") == "http://[2001:db8::1]/"
    assert canonical_url("http://user:pw@example.com/") == "http://example.com/"
    assert canonical_url("http://example.com/a%2fb") == "http://example.com/a%2Fb"  # reserved escapes kept
    assert canonical_url("mailto:x@example.com") == "mailto:x@example.com"
    assert canonical_url("https://example.com/?q=a+b&empty=&flag") == "https://example.com/?empty=&flag&q=a+b"


_segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.~", min_size=1, max_size=8).filter(
    lambda s: s not in (".", ".."))
_param = st.tuples(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6),
                   st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=6)).filter(
    lambda kv: not kv[0].startswith(("utm_", "mc_", "pk_", "itm_", "stm_")))


@settings(max_examples=200, deadline=None)
@given(host=st.sampled_from(["news.example", "example.org", "xn--bcher-kva.example"]),
       path=st.lists(_segment, max_size=4), params=st.lists(_param, max_size=4, unique_by=lambda kv: kv[0]),
       scheme=st.sampled_from(["http", "https"]), data=st.data())
def test_canonical_url_properties(host: str, path: list[str], params: list[tuple[str, str]], scheme: str,
                                  data: st.DataObject) -> None:
    from newsdesk.sources.urls import TRACKING_PARAMS

    params = [kv for kv in params if kv[0] not in TRACKING_PARAMS]
    base = f"{scheme}://{host}/{'/'.join(path)}" + ("?" + "&".join(f"{k}={v}" for k, v in params) if params else "")
    key = canonical_url(base)
    assert canonical_url(key) == key  # idempotent
    shuffled = data.draw(st.permutations(params))
    tracking = data.draw(st.lists(st.sampled_from(["utm_source=x", "fbclid=1", "gclid=2", "mc_eid=3"]), max_size=3))
    query = "&".join([f"{k}={v}" for k, v in shuffled] + tracking)
    port = {"http": 80, "https": 443}[scheme]
    variant = (f"{scheme.upper()}://{host.upper()}:{port}/{'/'.join(path)}{'/' if path else ''}"
               f"{'?' + query if query else ''}#frag")
    assert canonical_url(variant) == key
