"""Committed classifier weights and metrics (a package so they ship in wheels)."""
