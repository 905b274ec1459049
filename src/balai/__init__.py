"""Balai: a public-service platform for Indonesian villages and regencies."""

__version__ = "0.1.0"
