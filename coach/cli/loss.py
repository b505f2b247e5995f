"""`coach loss add|list|show|story|signs`: record a lost client and look back at losses."""

from __future__ import annotations

import argparse
from typing import Any

from coach.cli.output import print_json
from coach.core.errors import InputError
from coach.core.text import one_line


def _reason(text: str) -> str:
    from coach.loss.losses import parse_reason

    try:
        return parse_reason(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("loss", help="record a lost client, list and show losses")
    parser.set_defaults(handler=lambda args: parser.error("choose add, list, show, story or signs"))
    actions = parser.add_subparsers(
        dest="loss_command", metavar="ACTION", parser_class=type(parser)
    )

    add = actions.add_parser("add", help="record a lost client")
    add.add_argument("name", metavar="NAME", help="the client's name")
    add.add_argument(
        "--reason",
        action="append",
        type=_reason,
        required=True,
        metavar="CATEGORY",
        help="why they left (repeatable): acquisition, merger, out-of-business, "
        "their-situation, price, competitor, service, missed-deadlines, communication, "
        "too-busy, unknown",
    )
    add.add_argument(
        "--date",
        metavar="DAY",
        help="when they left: YYYY-MM-DD, yesterday, friday... (default: today)",
    )
    add.add_argument("--tenure", default="", help="how long they were a client, e.g. '3 years'")
    add.add_argument("--value", default="", help="what the work was worth (optional)")
    add.add_argument("--said", default="", help="what they said when they left")
    add.add_argument("--cause", default="", help="what you think caused it, in your words")
    add.add_argument("--sure", metavar="0-100", help="how sure you are of that cause")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="list recorded losses, most recent first")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="show one loss and how working through it goes")
    show.add_argument("name", metavar="NAME", help="the client's name")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(handler=run_show)

    story = actions.add_parser(
        "story",
        help="your story of the loss over time; with --cause, tell it again now",
        description="Without --cause: show what you thought caused it, and how sure you were, "
        "when it was recorded, after the post-mortem and at each check-in. With --cause: "
        "keep what you think now.",
    )
    story.add_argument("name", metavar="NAME", help="the client's name")
    story.add_argument("--json", action="store_true", help="print one JSON array")
    story.add_argument("--cause", help="what you think caused it now")
    story.add_argument("--sure", metavar="0-100", help="how sure you are")
    story.add_argument(
        "--moment",
        choices=("recorded", "post-mortem", "check-in"),
        help="which moment this answer is for (default: the one coach is asking about)",
    )
    story.add_argument("--words", default="", help="the client's own words, if you got them")
    story.set_defaults(handler=run_story)

    signs = actions.add_parser(
        "signs",
        help="which warning signs you missed before they left (each becomes a check-up rule)",
        description="With --sign (repeatable) or --clear: keep which signs the client showed "
        "that you missed. Without: show them. Signs: went-quiet, missed-meetings, "
        "new-contact, complaints, slow-payments, competitor.",
    )
    signs.add_argument("name", metavar="NAME", help="the client's name")
    signs.add_argument(
        "--sign", action="append", default=[], metavar="ID", help="a sign you missed (repeatable)"
    )
    signs.add_argument("--clear", action="store_true", help="no signs missed")
    signs.add_argument("--json", action="store_true", help="print one JSON object")
    signs.set_defaults(handler=run_signs)


def _summary(coach: Any, loss: Any) -> dict[str, Any]:
    from coach.loss import closing, door, postmortem
    from coach.loss.letters import letter_for

    today = coach.today()
    return {
        "id": loss.id,
        "client": loss.client,
        "left": loss.left.isoformat(),
        "days_since": loss.days_since(today),
        "phase": loss.phase(today),
        "reasons": list(loss.reasons),
        "tenure": loss.tenure,
        "value": loss.value,
        "said": loss.said,
        "postmortem": {
            "answered": postmortem.answered(loss),
            "resume_at": postmortem.resume_step(loss),
        },
        "close": {
            "ticked": list(loss.close_ticks),
            "of": len(closing.checklist(coach.library)),
            "thank_you_written": bool(loss.thank_you.strip()),
        },
        # the unsent letter's text never leaves coach this way: only whether one is kept
        "letter_kept": letter_for(coach, loss.id) is not None,
        "checkins": [d.isoformat() for d in loss.checkins],
        "checkins_done": [d.isoformat() for d in loss.checkins_done],
        "next_checkin": (n.isoformat() if (n := door.next_checkin(loss)) else None),
        "return_policy": loss.return_policy,
        "missed_signs": [s.value for s in loss.missed_signs],
    }


def run_add(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.dates import parse_day
    from coach.loss.losses import add_loss
    from coach.loss.story import Stage, check_sure, record_story

    coach = open_from_args(args)
    today = coach.today()
    day = parse_day(args.date, today, what="--date") if args.date else today
    if args.sure is not None and not args.cause:
        raise InputError("--sure goes with --cause: what you think caused it")
    sure = check_sure(args.sure) if args.sure is not None else None
    with coach.store.transaction():  # the loss and its first story: both or neither
        loss = add_loss(
            coach,
            args.name,
            day,
            args.reason,
            tenure=args.tenure,
            value=args.value,
            said=args.said,
        )
        if args.cause:
            loss = record_story(coach, loss.id, Stage.RECORDED, args.cause, sure)
    dates = ", ".join(d.isoformat() for d in loss.checkins)
    print(f"Recorded: {loss.client} left on {loss.left:%-d %B %Y}.")
    print(f"Check-ins planned: {dates}.")
    print("When you're ready, open coach and press l to work through it.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.loss.losses import all_losses

    coach = open_from_args(args)
    losses = all_losses(coach)
    if args.json:
        print_json([_summary(coach, loss) for loss in losses])
        return 0
    if not losses:
        print("No losses recorded.")
        return 0
    today = coach.today()
    for loss in losses:
        words = ", ".join(w.lower() for w in loss.reason_words)
        print(
            f"{loss.left.isoformat()}  {one_line(loss.client)}  ({loss.since_line(today)}; {words})"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.loss import closing, door, postmortem
    from coach.loss.losses import PHASE_WORDS, find_loss, loss_advice

    coach = open_from_args(args)
    loss = find_loss(coach, args.name)
    today = coach.today()
    advice = loss_advice(coach, loss, today)  # the Loss screen's advice: this user's rotation
    if args.json:
        said = (
            {"id": advice.id, "text": advice.text, "source": advice.source_line} if advice else None
        )
        print_json({**_summary(coach, loss), "advice": said})
        return 0
    print(
        f"{one_line(loss.client)}: left {loss.left:%-d %B %Y} ({loss.since_line(today)}, {PHASE_WORDS[loss.phase(today)]})"
    )
    print(f"  why: {postmortem.reasons_in_words(loss)}")
    for label, value in (
        ("client for", loss.tenure),
        ("value", loss.value),
        ("they said", loss.said),
    ):
        if value:
            print(f"  {label}: {one_line(str(value))}")
    print(f"  post-mortem: {postmortem.progress_line(loss)}")
    print(f"  close: {closing.ticked_line(coach.library, loss)}")
    marks = [
        f"{d.isoformat()}{' (done)' if d in loss.checkins_done else ''}" for d in loss.checkins
    ]
    print(f"  check-ins: {', '.join(marks) or 'none planned'}")
    if loss.return_policy:
        print(f"  if they come back: {one_line(loss.return_policy)}")
    nxt = door.next_checkin(loss)
    if nxt is not None and nxt <= today:
        print(f"  due: {door.checkin_line(loss, nxt, today)}")
    if advice is not None:
        print(f"  today: {one_line(advice.text)}")
        print(f"    from {one_line(advice.source_line)}")
    return 0


def run_story(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.cli.thought import plain
    from coach.loss.losses import find_loss
    from coach.loss.story import Stage, record_story, story_due, story_of

    coach = open_from_args(args)
    loss = find_loss(coach, args.name)
    if args.cause is not None:
        due = story_due(loss, coach.today())
        stage = Stage(args.moment) if args.moment else (due[0] if due else Stage.CHECK_IN)
        checkin = due[1] if due and due[0] is stage else None
        loss = record_story(
            coach, loss.id, stage, args.cause, args.sure, words=args.words, checkin=checkin
        )
        if not args.json:
            print(f"Kept your story of losing {plain(loss.client)}, as you see it now.")
    elif args.sure is not None or args.words or args.moment:
        raise InputError("--sure, --words and --moment go with --cause")
    entries = story_of(loss)
    if args.json:
        rows = [
            {
                "moment": str(e.stage),
                "label": e.label(loss),
                "at": e.at.isoformat(),
                "cause": e.cause,
                "sure": e.sure,
                "words": e.words,
                "checkin": e.checkin.isoformat() if e.checkin else None,
            }
            for e in entries
        ]
        print_json(rows)
        return 0
    if not entries:
        print(f"No story kept yet for {plain(loss.client)}.")
        print(f'  Tell it: coach loss story "{plain(loss.client)}" --cause "..." --sure 0-100')
        return 0
    print(f"Your story of losing {plain(loss.client)}, over time:")
    for entry in entries:
        sure = f" ({entry.sure}% sure)" if entry.sure is not None else ""
        print(f"  {entry.label(loss)}: {plain(entry.cause)}{sure}")
        if entry.words:
            print(f"    they said: {plain(entry.words)}")
    due = story_due(loss, coach.today())
    if due is not None and due[0] is not Stage.RECORDED:
        print(f"  Time to tell it again ({due[0]}): coach loss story NAME --cause ...")
    return 0


def run_signs(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.cli.thought import plain
    from coach.core.signs import SIGN_WORDS
    from coach.loss.losses import find_loss
    from coach.loss.postmortem import set_missed_signs

    if args.clear and args.sign:
        raise InputError("--clear or --sign, not both")
    coach = open_from_args(args)
    loss = find_loss(coach, args.name)
    changing = args.clear or bool(args.sign)
    if changing:
        loss = set_missed_signs(coach, loss.id, [] if args.clear else args.sign)
    if args.json:
        print_json({"client": loss.client, "missed_signs": [s.value for s in loss.missed_signs]})
        return 0
    who = plain(loss.client)
    if not loss.missed_signs:
        print(f"No warning signs kept as missed with {who}.")
        if not changing:
            print(f'  Keep them: coach loss signs "{who}" --sign went-quiet --sign complaints')
        return 0
    print(f"Warning signs you missed with {who} (each is a rule on the check-up):")
    for sign in loss.missed_signs:
        print(f"  {sign.value}: {SIGN_WORDS[sign]}")
    return 0
