"""Local dossier store: SQLAlchemy models, engine, migrations, repositories, search."""
