"""The fetch-safety catalogue's items 10-20 and 25 against servers started here (127.0.0.1, 127.0.0.2 as "internal").

Each test runs one catalogue scenario (tests/fetch/fetch_catalogue.py, shared with bench/fetch_safety.py), asserts
every case in it and prints the item's figure (`pytest -s` shows them).
"""

from __future__ import annotations

import pytest

import fetch_catalogue as cat

pytestmark = pytest.mark.timeout(120)


def _check(rep: cat.Report) -> None:
    print("\n" + rep.line())
    assert rep.rows, "scenario produced no rows"
    assert rep.ok, f"item {rep.item} ({rep.title}) failed:\n{rep.failures()}"


def test_item10_address_validation_opens_no_socket() -> None:
    """Loopback/private/link-local/metadata/multicast/NAT64/6to4 spellings, bad schemes, credentials, mixed DNS."""
    _check(cat.item10())


def test_item11_every_redirect_hop_is_revalidated() -> None:
    """301/302/303/307/308, relative, scheme-relative, meta refresh, odd IPv4 spellings -> 0 hits on 127.0.0.2."""
    rep = cat.item11()
    _check(rep)
    assert any(r.case == "hits on 127.0.0.2" and r.detail == "0 hits" for r in rep.rows)


def test_item12_dns_rebinding_connects_to_the_validated_address() -> None:
    _check(cat.item12())


def test_item13_proxy_variables_do_not_disable_the_guard() -> None:
    _check(cat.item13())


def test_item14_total_deadline_holds_against_slow_and_hanging_servers() -> None:
    rep = cat.item14(deadline=2.0)
    _check(rep)
    assert rep.data["max_overshoot"] <= 1.0


def test_item15_retries_are_bounded_and_classified() -> None:
    _check(cat.item15())


def test_item16_decompression_bombs_stop_at_the_cap() -> None:
    _check(cat.item16())


def test_item17_oversize_and_endless_bodies_stop_at_the_cap() -> None:
    _check(cat.item17())


def test_item18_non_html_is_routed_not_extracted() -> None:
    _check(cat.item18())


def test_item19_untrusted_tls_fails_without_fallback() -> None:
    pytest.importorskip("cryptography")
    _check(cat.item19())


def test_item20_robots_and_per_host_politeness() -> None:
    _check(cat.item20())


def test_item25_feed_and_sitemap_xml_is_inert_and_capped() -> None:
    _check(cat.item25())
