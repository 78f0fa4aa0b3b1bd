"""IIIF Presentation API 3.0: a manifest per public item, a collection per public exhibition."""
