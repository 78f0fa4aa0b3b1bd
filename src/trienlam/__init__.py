"""Trienlam: online exhibitions of archival documents."""
