"""A request before it is sent: models and modes, the rules it must pass, its images, its price."""
