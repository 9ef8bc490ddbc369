"""What the centre does, as functions over a SQLAlchemy connection (no HTTP here)."""
