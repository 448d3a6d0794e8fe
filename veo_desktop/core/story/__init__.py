"""Storyboards: ordered shots generated as a chain (each starting on the last frame of the one
before), their takes, and the film they make together."""
