"""The job list: its model, delegate, actions, keys and the controller the window acts through."""
