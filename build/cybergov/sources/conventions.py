"""Conventions of the genre, shared by every publisher (sources/conventions.yaml), compiled once.

What a salutation or a closing looks like, how reported speech opens, which words number a
proposal: wording of statements in general rather than of one site's pages.
"""
from __future__ import annotations

import re
from functools import cached_property


class Conventions:
    def __init__(self, data: dict):
        self.data = data

    def __getitem__(self, key: str):
        return self.data[key]

    @cached_property
    def _salutation(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.data["paragraph_kinds"]["salutation"]]

    @cached_property
    def _closing(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.data["paragraph_kinds"]["closing"]]

    @cached_property
    def _reported(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.data["reported_speech"]]

    def paragraph_kind(self, ordinal: int, text: str) -> str:
        """title (the first paragraph), salutation, closing or body."""
        if ordinal == 1:
            return "title"
        if any(rx.fullmatch(text) for rx in self._salutation):
            return "salutation"
        if any(rx.fullmatch(text) for rx in self._closing):
            return "closing"
        return "body"

    def speech_mode(self, body: list[str]) -> str:
        """`reported` when a body paragraph opens as reported speech ("Wang Yi said that ..."), else `direct`."""
        return "reported" if any(rx.match(text) for text in body for rx in self._reported) else "direct"
