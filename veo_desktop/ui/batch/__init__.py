"""The batch queue in the window: import, preview, and the Queue panel."""
