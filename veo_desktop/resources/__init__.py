"""Files the app ships inside the package (icons, translations), read through importlib.resources
so an installed wheel and a frozen (PyInstaller) app find them the same way."""
