"""The app's own parts: its mixins (config, editor, data, key order), its terminal driver,
and the screens that belong to no feature (the keys, the damaged-data screen)."""
