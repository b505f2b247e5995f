"""The unsent letter (private, and gone for good when let go) and closing graciously."""

from __future__ import annotations

import re
from datetime import date

import pytest

from coach.core.errors import InputError
from coach.loss import closing
from coach.loss.letters import TABLE, let_go, letter_for, save_letter
from coach.loss.losses import add_loss, get_loss
from coach.session import Coach
from coach.settings import Settings, save_settings

SECRET = "You never once said thank you, Zebediah."


def test_the_letter_is_a_private_record(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["service"])
    assert letter_for(coach, loss.id) is None
    save_letter(coach, loss.id, SECRET)
    save_letter(coach, loss.id, SECRET + " There.")  # one letter per loss, updated
    [record] = coach.store.records(TABLE).all()
    assert record["private"] is True
    assert record["loss_id"] == loss.id
    letter = letter_for(coach, loss.id)
    assert letter is not None and letter.text == SECRET + " There."


def test_letting_go_removes_the_text_from_the_data_file(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["service"])
    save_letter(coach, loss.id, SECRET)
    assert SECRET.encode() in coach.store.main_path.read_bytes()
    assert let_go(coach, loss.id) is True
    raw = b"".join(path.read_bytes() for path in coach.store.folder.rglob("*") if path.is_file())
    assert b"Zebediah" not in raw
    assert letter_for(coach, loss.id) is None
    assert get_loss(coach, loss.id).client == "Acme"  # the loss itself stays
    assert let_go(coach, loss.id) is False


def test_an_empty_letter_is_not_kept(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["service"])
    with pytest.raises(InputError, match="empty"):
        save_letter(coach, loss.id, "   \n")


def test_checklist_ticks_are_saved(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["price"])
    items = closing.checklist(coach.library)
    assert len(items) >= 6
    closing.set_tick(coach, loss.id, items[0].id, True)
    closing.set_tick(coach, loss.id, items[2].id, True)
    closing.set_tick(coach, loss.id, items[0].id, False)
    stored = get_loss(coach, loss.id)
    assert stored.close_ticks == (items[2].id,)
    assert closing.ticked_line(coach.library, stored) == f"1 of {len(items)} done"


def test_thank_you_note_fills_client_and_me(coach: Coach) -> None:
    loss = add_loss(coach, "{Acme} & Sons", date(2026, 11, 1), ["price"])
    draft = closing.thank_you_for(coach, loss)
    assert "{Acme} & Sons" in draft
    assert "(your name)" in draft and "{me}" not in draft and "{client}" not in draft
    save_settings(coach.store, Settings(your_name="Sam Rivera"))
    draft = closing.thank_you_for(coach, loss, index=1)
    assert draft.rstrip().endswith("Sam Rivera")
    closing.save_thank_you(coach, loss.id, "Dear Acme, thank you.")
    assert closing.thank_you_for(coach, get_loss(coach, loss.id)) == "Dear Acme, thank you."


def test_the_letter_is_left_out_of_exports_unless_asked(coach: Coach) -> None:
    from coach.data.exchange import export_data, to_json

    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["service"])
    save_letter(coach, loss.id, SECRET)
    now = coach.clock.now()
    public = to_json(export_data(coach.store, now))
    assert "Zebediah" not in public
    assert "Acme" in public  # the loss itself is exported
    private = to_json(export_data(coach.store, now, include_private=True))
    assert "Zebediah" in private


def test_backups_made_after_letting_go_hold_no_letter(coach: Coach, clock) -> None:
    from datetime import timedelta

    from coach.store.backup import make_backup, read_backup

    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["service"])
    save_letter(coach, loss.id, SECRET)
    before = make_backup(coach.store.folder, clock.now())
    assert any(b"Zebediah" in data for data in read_backup(before.path).values())
    let_go(coach, loss.id)
    clock.advance(timedelta(minutes=5))
    after = make_backup(coach.store.folder, clock.now())
    contents = read_backup(after.path)
    assert contents and not any(b"Zebediah" in data for data in contents.values())


def test_forgetting_a_loss_removes_it_and_its_letter(coach: Coach) -> None:
    from coach.loss.forget import forget_loss
    from coach.loss.losses import all_losses

    keep = add_loss(coach, "Keep Co", date(2026, 10, 1), ["price"])
    oops = add_loss(coach, "Oops Ltd", date(2026, 11, 1), ["service"])
    save_letter(coach, keep.id, "kept words")
    save_letter(coach, oops.id, SECRET)
    forget_loss(coach, oops.id)
    assert [x.client for x in all_losses(coach)] == ["Keep Co"]
    assert b"Zebediah" not in coach.store.main_path.read_bytes()
    assert b"Oops Ltd" not in coach.store.main_path.read_bytes()
    assert letter_for(coach, keep.id) is not None
    with pytest.raises(InputError, match="no longer recorded"):
        forget_loss(coach, oops.id)


def test_thank_you_drafts_are_chosen_by_the_reason(coach: Coach) -> None:
    from datetime import date

    from coach.loss.losses import add_loss

    closed = add_loss(coach, "Gone Ltd", date(2026, 11, 1), ["out-of-business"])
    slipped = add_loss(coach, "Acme", date(2026, 11, 1), ["missed-deadlines"])
    priced = add_loss(coach, "Cheapo", date(2026, 11, 1), ["price"])
    for_closed = closing.templates(coach.library, closed)
    assert for_closed[0].id == "ty-farewell"
    assert not any(re.search(r"\bearn", t.text) for t in for_closed)  # nobody to win back
    assert closing.thank_you_for(coach, closed).startswith("Dear Gone Ltd,")
    assert closing.templates(coach.library, slipped)[0].id == "ty-owning-it"
    assert "fell short" in closing.thank_you_for(coach, slipped)
    for_price = {t.id for t in closing.templates(coach.library, priced)}
    assert "ty-owning-it" not in for_price and "ty-farewell" not in for_price
    assert "ty-warm" in for_price


def test_the_close_checklist_holds_only_actions_and_assumes_no_manager(coach: Coach) -> None:
    items = closing.checklist(coach.library)
    titles = [i.title for i in items]
    # attitudes are advice, not ticks (la-high-road, la-stay-professional say them)
    for attitude in ("Take the high road", "Stay professional", "Think of your references"):
        assert attitude not in titles
    tell = next(i for i in items if i.id == "close-tell-management")
    assert tell.title == "Tell a manager or a trusted colleague"
    assert "If you work alone" in tell.text
    assert titles.index("Tell a manager or a trusted colleague") < titles.index("Thank them")
    advice = {a for i in coach.library.pool("loss-advice") for a in i.advice}
    assert {"high-road", "stay-professional"} <= advice
