"""One module per check; see :mod:`smguide.lint.api` for the contract."""
