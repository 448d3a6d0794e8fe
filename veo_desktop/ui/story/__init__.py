"""The Storyboard view: a board of shots made in order, watched and exported as one film."""
