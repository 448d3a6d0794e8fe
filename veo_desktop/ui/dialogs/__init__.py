"""The window's dialogs: settings, costs and spending, shortcuts, welcome, the crash notice."""
