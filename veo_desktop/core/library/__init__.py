"""The clips on disk: where each goes, how a download is written, their frames, library search."""
