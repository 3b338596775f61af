"""Renderers of decisions and packs: text (rich), JSON and Markdown.

Imported only by the commands that need them, so ``smguide --help`` stays fast.
"""
