"""Checks of a downloaded clip against the request that paid for it."""
