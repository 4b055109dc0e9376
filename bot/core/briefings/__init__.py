"""One module per command, each building a `Briefing`: plain data both front ends render."""
