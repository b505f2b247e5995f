"""Warning signs that a client is drifting away: the post-mortem asks which were missed,
the customers' check-up looks for them in every best customer. One vocabulary, so the
two features agree without importing each other.
"""

from __future__ import annotations

from enum import StrEnum


class WarningSign(StrEnum):
    """A sign the client showed before leaving; the value is what the data files store."""

    WENT_QUIET = "went-quiet"
    MISSED_MEETINGS = "missed-meetings"
    NEW_CONTACT = "new-contact"
    COMPLAINTS = "complaints"
    SLOW_PAYMENTS = "slow-payments"
    COMPETITOR = "competitor"


SIGN_WORDS: dict[WarningSign, str] = {
    WarningSign.WENT_QUIET: "went quiet for weeks",
    WarningSign.MISSED_MEETINGS: "missed or moved meetings",
    WarningSign.NEW_CONTACT: "a new contact on their side",
    WarningSign.COMPLAINTS: "complaints",
    WarningSign.SLOW_PAYMENTS: "slower payments",
    WarningSign.COMPETITOR: "a competitor mentioned",
}


def parse_signs(values: list[str] | tuple[str, ...]) -> tuple[WarningSign, ...]:
    """Sign ids from user text (in the order given, once each), or ValueError naming a bad one."""
    out: list[WarningSign] = []
    for value in values:
        key = value.strip().lower()
        if key not in {s.value for s in WarningSign}:
            valid = ", ".join(s.value for s in WarningSign)
            raise ValueError(f"unknown warning sign {value!r} (valid: {valid})")
        if WarningSign(key) not in out:
            out.append(WarningSign(key))
    return tuple(out)


def stored_signs(value: object) -> tuple[WarningSign, ...]:
    """Signs read back from a record; unknown or damaged entries are left out."""
    known = {s.value for s in WarningSign}
    items = value if isinstance(value, list) else []
    return tuple(dict.fromkeys(WarningSign(v) for v in items if isinstance(v, str) and v in known))
