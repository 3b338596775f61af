"""The decision engine: pure functions from a pack and answers to a Decision."""
