"""The package's copy of resources/ (icons, translations, desktop files) that scripts/resources.py
builds, read through importlib.resources so a wheel and a frozen app find them the same way."""
