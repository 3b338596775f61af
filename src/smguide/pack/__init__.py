"""Rule packs as data: the model, the condition language, reading YAML and JSON,
loading, composing, validating, the cache and the bundled packs."""
