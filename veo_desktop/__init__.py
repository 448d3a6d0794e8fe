"""Veo Desktop: a desktop app and `veo` CLI for Veo 3.1 video generation through a gateway."""

__version__ = "0.1.0"
