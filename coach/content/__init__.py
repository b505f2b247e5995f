"""The advice library: content/*.toml loaded into Items, picked per day."""
