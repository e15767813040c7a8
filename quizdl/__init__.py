"""quizdl: deep-learning interview practice in the terminal."""

__version__ = "0.1.0"
