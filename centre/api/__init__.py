"""The centre's HTTP API (FastAPI): ``main.create_app`` and one router per resource."""
