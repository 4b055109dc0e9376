"""Attaché: a Discord bot that briefs people on bilateral relations from curated, sourced facts."""

__version__ = "0.1.0"
