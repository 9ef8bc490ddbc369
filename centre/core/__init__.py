"""Settings, database engines and migrations, tokens and codes."""
