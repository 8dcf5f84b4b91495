"""Shipped policy files (a package so the TOML ships in wheels)."""
