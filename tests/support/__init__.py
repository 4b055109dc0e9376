"""Helpers shared by the tests (on pytest's `pythonpath`): paths, the shipped facts read with
tomllib, Discord's documented limits, and the real CLI run as a subprocess. Nothing here
imports the code under test, so expectations built from it cannot echo the bot's own logic."""
