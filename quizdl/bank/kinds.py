"""The question kinds, in a module light enough for commands that never validate a bank."""

KINDS = ("choice", "numeric", "flashcard", "template", "code", "explain")
