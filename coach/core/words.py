"""Words for counts: one helper so every sentence coach builds says "1 minute", "2 minutes"."""

from __future__ import annotations

# Plurals that are not the word plus "s"; anything else gets an "s".
IRREGULAR = {
    "person": "people",
    "entry": "entries",
    "touch": "touches",
    "reflection entry": "reflection entries",
}


def plural_of(word: str) -> str:
    """The plural of one of coach's nouns: "walk" -> "walks", "person" -> "people"."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith(("ch", "sh", "s", "x")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and the noun that fits it: plural(1, "minute") is "1 minute", plural(0, "day") "0 days".

    `many` names an irregular plural the table above does not know.
    """
    return f"{n} {word if n == 1 else (many or plural_of(word))}"
