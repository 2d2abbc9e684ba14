"""User errors: one clear line and an exit status, never a traceback (unless --debug)."""

from __future__ import annotations

import difflib

import click


class UsageProblem(click.ClickException):
    """An unknown name or a bad option value: exit status 2."""

    exit_code = 2


def unknown(kind: str, name: str, choices: list[str]) -> UsageProblem:
    """'Unknown party: "Venstr". Closest: Venstre, Radikale Venstre' (exit status 2)."""
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.5)
    if not close:
        lowered = name.lower()
        close = [c for c in choices if lowered in c.lower()][:3]
    hint = f" Closest: {', '.join(close)}." if close else ""
    return UsageProblem(f'Unknown {kind}: "{name}".{hint}')
