"""Demo model zoo: small models the project trains itself so the service works offline."""
