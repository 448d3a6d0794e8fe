"""A job's life: the journal with its backups and recovery; the runner (send, poll, download)."""
