"""The gateway client and its parts: HTTP clients, dialects, profiles, replies, video fetching."""
