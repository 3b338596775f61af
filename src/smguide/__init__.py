"""smguide: ethical decision support for social media use in youth protection."""

__version__ = "0.2.0"
