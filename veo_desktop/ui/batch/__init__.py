"""The batch queue in the window: import, preview, the Queue panel (issue 21)."""
