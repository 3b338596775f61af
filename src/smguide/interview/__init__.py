"""The interactive prompts: the interview of ``smguide decide`` and the reflection."""
