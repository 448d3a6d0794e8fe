"""Batches: many jobs from one file (.txt, .csv, .jsonl), previewed with their rule findings and
cost, then sent through a paced, persistent queue that sends each row once."""
