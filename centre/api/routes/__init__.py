"""One router per resource: sync, enrol, files, health, admin."""
