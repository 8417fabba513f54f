"""The cached reverse gives the very address Django's reverse gives."""

from __future__ import annotations

import pytest
from django.urls import reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

from innovera.core.reversing import cached_reverse


@given(pk=st.integers(min_value=0, max_value=2**63 - 1))
def test_an_address_with_a_pk_is_the_one_reverse_gives(pk: int) -> None:
    assert cached_reverse("ideas:idea_detail", pk=pk) == reverse(
        "ideas:idea_detail", kwargs={"pk": pk}
    )


@pytest.mark.parametrize("name", ["ideas:idea_list", "core:my_work", "spreading:example_list"])
def test_an_address_without_arguments_is_the_one_reverse_gives(name: str) -> None:
    assert cached_reverse(name) == reverse(name)


def test_the_address_follows_the_script_prefix_of_the_request() -> None:
    try:
        set_script_prefix("/innovera/")
        assert cached_reverse("ideas:idea_detail", pk=7) == "/innovera/ideer/7/"
        assert cached_reverse("ideas:idea_list") == "/innovera/ideer/"
    finally:
        set_script_prefix("/")
    assert cached_reverse("ideas:idea_detail", pk=7) == "/ideer/7/"
