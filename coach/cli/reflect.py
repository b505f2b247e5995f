"""`coach reflect` (today's prompt, or save an answer) and `coach journal` (read, search, export)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from coach.cli.output import print_json
from coach.core.errors import InputError
from coach.core.text import one_line
from coach.core.words import plural


def register(sub: argparse._SubParsersAction) -> None:
    reflect = sub.add_parser(
        "reflect",
        help="print today's reflection prompt, or save an answer",
        description="Without --text: print today's prompt. With --text: save an answer to it.",
    )
    reflect.add_argument("--text", metavar="TEXT", help="your answer ('-' reads it from stdin)")
    reflect.add_argument(
        "--edit",
        action="store_true",
        help="write the answer in $VISUAL or $EDITOR (a private temp file, removed after)",
    )
    reflect.add_argument(
        "--mood", metavar="1-5", help="how you feel: 1 heavy, 2 low, 3 steady, 4 good, 5 bright"
    )
    reflect.add_argument("--date", metavar="DAY", help="today (default), yesterday or YYYY-MM-DD")
    reflect.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="a tag (repeatable); #words in the text are tags too",
    )
    reflect.add_argument("--free", action="store_true", help="a free entry, without a prompt")
    reflect.add_argument(
        "--json", action="store_true", help="print the prompt as JSON: id, source, phase, why"
    )
    choice = reflect.add_mutually_exclusive_group()
    choice.add_argument("--another", action="store_true", help="show another prompt for today")
    choice.add_argument(
        "--pin", action="store_true", help="pin today's prompt: it comes back once a week"
    )
    choice.add_argument("--unpin", action="store_true", help="unpin today's prompt")
    choice.add_argument("--hide", action="store_true", help="never show today's prompt again")
    choice.add_argument("--unhide", metavar="PROMPT_ID", help="show a hidden prompt again")
    reflect.set_defaults(handler=run_reflect)

    journal = sub.add_parser(
        "journal",
        help="print, search or export your reflections (the text lists thought records too)",
        description="Entries print oldest first. Every word of --search must match "
        "(case and accents ignored), in the prompt or the answer.",
    )
    journal.add_argument("--search", metavar="WORDS", default="", help="words that must all appear")
    journal.add_argument(
        "--from", dest="first", metavar="DAY", help="first day (YYYY-MM-DD, yesterday...)"
    )
    journal.add_argument("--to", dest="last", metavar="DAY", help="last day")
    journal.add_argument("--tag", metavar="TAG", default="", help="only entries with this tag")
    journal.add_argument("--mood", metavar="1-5", help="only entries with this mood")
    journal.add_argument(
        "--prompt", metavar="PROMPT_ID", default="", help="only answers to this prompt"
    )
    journal.add_argument("--json", action="store_true", help="print JSON instead of text")
    journal.add_argument(
        "--export", choices=("markdown", "json"), help="export the entries to a file format"
    )
    journal.add_argument(
        "--output", metavar="FILE", help="write the export here (default: print it)"
    )
    journal.set_defaults(handler=run_journal)


def run_reflect(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.dates import parse_day
    from coach.journal import prompts, reflections
    from coach.journal.moods import check_mood, mood_label
    from coach.journal.writing import todays_prompt

    mood = check_mood(args.mood) if args.mood is not None else None
    coach = open_from_args(args)
    today = coach.today()
    day = parse_day(args.date, today, what="--date") if args.date else today
    if day > today:
        raise InputError(
            f"--date {day.isoformat()} is in the future: write about today or a day before"
        )
    if args.text is None and not args.edit and (args.mood or args.tag or args.free):
        raise InputError("--mood, --tag and --free go with --text or --edit")
    if args.edit and (args.another or args.pin or args.unpin or args.hide or args.unhide):
        raise InputError("--edit writes an answer: use it without --another, --pin or --hide")
    prompt = todays_prompt(coach, day)
    if args.another:
        prompt = prompts.another_prompt(coach, today)
    elif args.unhide:
        prompts.set_hidden(coach, args.unhide, hidden=False)
        print(f"{args.unhide} will be offered again.")
        return 0
    elif args.pin or args.unpin or args.hide:
        if prompt is None:
            raise InputError("there is no prompt today to pin or hide")
        if args.hide:
            prompts.set_hidden(coach, prompt.id)
            print(f"Hidden for good: {prompt.id}. (Undo: coach reflect --unhide {prompt.id})")
            prompt = todays_prompt(coach, day)
        else:
            prompts.set_pinned(coach, prompt.id, pinned=args.pin)
            print(f"{'Pinned' if args.pin else 'Unpinned'}: {prompt.id}")
            return 0
    if args.text is None and not args.edit:
        if args.json:
            from coach.cli.today import item_json

            lean = prompts.lean_today(coach, day)
            payload = {"date": day.isoformat(), "prompt": item_json(prompt, lean)}
            print_json(payload)
            return 0
        _print_prompt(coach, day, prompt)
        return 0
    text = sys.stdin.read() if args.text == "-" else (args.text or "")
    if args.edit:
        from coach.core.editor import edit_text

        if prompt is not None and not args.free:
            print(f"{prompt.text}\n(Writing in your editor; save and close it to keep the entry.)")
        text = edit_text(text)
        if not text.strip():
            print("Nothing written: nothing was saved.")
            return 0
    entry = reflections.save_reflection(
        coach, day, text, None if args.free else prompt, mood, tags=args.tag
    )
    feeling = f", feeling {mood_label(entry.mood)}" if entry.mood else ""
    print(f"Saved your reflection for {entry.day:%A} {entry.day.day} {entry.day:%B %Y}{feeling}.")
    return 0


def _print_prompt(coach, day: date, prompt) -> None:
    from coach.journal.prompts import load_choices

    print(f"{day:%A} {day.day} {day:%B %Y}")
    if prompt is None:
        print("\nEvery prompt is hidden. Write freely: coach reflect --free --text '...'")
        return
    pinned = " (pinned)" if prompt.id in load_choices(coach).pinned else ""
    print(f"\n{prompt.title or 'Reflect'}{pinned}  [{prompt.id}]")
    print(f"  {prompt.text}")
    if prompt.sources:
        print(f"  From {prompt.source_line}")
    print('\nAnswer: coach reflect --text "..." [--mood 1-5]   Another: coach reflect --another')


def run_journal(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.dates import Lean, parse_day
    from coach.journal.moods import check_mood
    from coach.journal.search import Filters, search_months

    mood = check_mood(args.mood) if args.mood is not None else None
    if args.output and not args.export:
        raise InputError("--output goes with --export markdown|json")
    output = Path(args.output).expanduser() if args.output else None
    if output is not None and not output.parent.is_dir():
        raise InputError(f"--output: the folder {str(output.parent)!r} does not exist")
    if output is not None and output.is_dir():
        raise InputError(f"--output: {str(output)!r} is a folder; name a file")
    coach = open_from_args(args)
    today = coach.today()
    filters = Filters(
        words=args.search,
        first=parse_day(args.first, today, what="--from", lean=Lean.EITHER) if args.first else None,
        last=parse_day(args.last, today, what="--to", lean=Lean.EITHER) if args.last else None,
        tag=args.tag,
        prompt_id=args.prompt,
        mood=mood,
    )
    from coach.cli.progress import paused, progress_bar

    with progress_bar("Searching") as bar:
        with_thoughts = not (args.export or args.json or _no_thoughts(filters))
        months = search_months(coach, filters, thoughts=with_thoughts, on_progress=bar)
        if args.export:
            entries = (e for m in months for e in m.entries)
            return _export(coach, args, filters, entries, output, bar)
        if args.json:
            _print_json_list(([e.to_record() for e in m.entries] for m in months), bar)
            return 0
        from coach.cli.thought import print_record
        from coach.core.fields import EPOCH
        from coach.journal.reflections import Reflection
        from coach.journal.thoughts import ThoughtRecord

        shown = 0
        for month in months:  # one month at a time, oldest first: memory stays flat
            both: list[Reflection | ThoughtRecord] = [*month.entries, *month.thoughts]
            listed = sorted(both, key=lambda e: (e.day, e.written_at or EPOCH))
            if not listed:
                continue
            with paused(bar):
                for item in listed:
                    if isinstance(item, ThoughtRecord):
                        print_record(coach, item)
                    else:
                        _print_entry(item)
            shown += len(listed)
    if not shown:
        print("No entries match." if _filtered(args) else "Your journal is empty so far.")
    return 0


def _export(coach, args, filters, entries, output, bar) -> int:
    """The entries (oldest first, read a month at a time) written as they come."""
    from coach.cli.progress import paused
    from coach.journal.export import json_chunks, markdown_chunks
    from coach.journal.moods import moods_between

    count = 0

    def counted():
        nonlocal count
        for entry in entries:
            count += 1
            yield entry

    if args.export == "markdown":
        chunks = markdown_chunks(counted())
    else:
        moods = moods_between(coach, filters.first, filters.last)
        chunks = json_chunks(counted(), moods, exported_at=coach.clock.now())
    if output is None:
        import itertools

        batch: list[str] = []
        size = 0
        for chunk in itertools.chain(chunks, [""]):  # the bar leaves once per 64 KB written
            batch.append(chunk)
            size += len(chunk)
            if not chunk or size > 1 << 16:
                with paused(bar):
                    sys.stdout.write("".join(batch))
                batch.clear()
                size = 0
        return 0
    from coach.core.textfile import open_private

    with open_private(output) as out:
        for chunk in chunks:
            out.write(chunk)
    print(f"Wrote {plural(count, 'entry')} to {output}")
    return 0


def _print_json_list(batches, bar) -> None:
    """A JSON list printed a batch at a time, as print_json prints it whole."""
    import json

    from coach.cli.progress import paused
    from coach.core.text import safe_json

    sys.stdout.write("[")
    first = True
    for batch in batches:
        if not batch:
            continue
        text = ", ".join(safe_json(json.dumps(r, ensure_ascii=False)) for r in batch)
        with paused(bar):
            sys.stdout.write(text if first else ", " + text)
        first = False
    sys.stdout.write("]\n")


def _no_thoughts(filters) -> bool:
    """Thought records have no tag, mood or prompt to filter by: such a search skips them."""
    return bool(filters.tag.strip() or filters.mood is not None or filters.prompt_id)


def _filtered(args: argparse.Namespace) -> bool:
    return bool(args.search or args.first or args.last or args.tag or args.mood or args.prompt)


def _print_entry(entry) -> None:
    facts = [f"{entry.day:%a} {entry.day.day} {entry.day:%b %Y}"]
    if entry.mood_label:
        facts.append(f"feeling {entry.mood_label}")
    if entry.tags:
        facts.append(" ".join(f"#{t}" for t in entry.tags))
    if entry.edited_at:
        facts.append(f"edited {entry.edited_at.date().isoformat()}")
    print(one_line("── " + " · ".join(facts)))
    print(f"  {one_line(entry.prompt_text)}" if not entry.is_free else "  (free entry)")
    print()
    print(entry.text.rstrip("\n"))
    print()
