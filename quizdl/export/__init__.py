"""Exports of the banks to other tools."""
