"""Process helpers: files written whole, signals, standard streams."""
