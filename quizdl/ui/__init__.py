"""The terminal screens. Importing any of them makes Rich wrap Chinese text between characters
(quizdl.ui.wrap), so every panel and table cell reads right at any width."""

from quizdl.ui.wrap import install as _install_wrapping

_install_wrapping()
