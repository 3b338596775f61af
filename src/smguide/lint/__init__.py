"""``smguide lint``: structural and semantic checks of rule packs."""
