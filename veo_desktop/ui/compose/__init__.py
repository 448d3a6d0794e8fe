"""The mode tabs: what a request is made of, composed."""
