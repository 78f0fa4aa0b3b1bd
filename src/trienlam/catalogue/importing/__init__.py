"""Bulk import of catalogue items from a spreadsheet plus a folder or ZIP of scans.

`run.import_catalogue` is the one entry point (CLI command and admin page); the row
validation lives in `validate` and is a ModelForm, so the admin and the importer share
Django's own model validation.
"""
