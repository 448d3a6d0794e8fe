"""Qt front end: the main window and its parts. Only this package imports PySide6."""
