"""The core: facts, store, matching and briefings. Nothing here imports discord."""
