"""Storage: the only code that opens coach's data files."""

from coach.store.core import Doc, Log, Record, Records, Store, month_key, new_id

__all__ = ["Doc", "Log", "Record", "Records", "Store", "month_key", "new_id"]
