"""Scenarios for trainers and tests: files, runs, replay, quiz and their output."""
