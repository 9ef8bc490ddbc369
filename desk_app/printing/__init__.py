"""Printed documents (reportlab): slips, forms, registers."""
