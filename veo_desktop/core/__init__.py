"""Plain-Python core of Veo Desktop: gateway client, request rules, journal, runner. No Qt here."""
