"""A small fixed content library for reflection snapshots: content edits never move them."""

from __future__ import annotations

from coach.content.library import Item, Library

SOURCE = "Dealing With the Loss of a Client"
LESSON = Item(
    id="pr-the-lesson",
    pool="prompt",
    text="What is one thing you would do differently with this client? Write it plainly.",
    sources=(SOURCE,),
    advice=("learn-from-it",),
    title="The lesson",
)
PROUD = Item(
    id="pr-proud",
    pool="prompt",
    text="Write about a project you are proud of. What did you do well?",
    sources=(SOURCE,),
    advice=("dont-dwell",),
    title="Proud moments",
)


def journal_library() -> Library:
    lib = Library(sources={SOURCE: "Kim Hughes"})
    for item in (LESSON, PROUD):
        lib.add(item)
    lib.add(
        Item(
            id="snap-enc",
            pool="encouragement",
            text="One small thing, well.",
            sources=(SOURCE,),
            advice=("x",),
        )
    )
    return lib
