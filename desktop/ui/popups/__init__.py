"""Incoming-call popups, the incoming-call program and the missed-calls list."""
