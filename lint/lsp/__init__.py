"""``draftlint lsp``: a Language Server Protocol server over stdio (pygls, the ``lsp`` extra).

positions.py converts draftlint's columns (Unicode code points) to the editor's units
(UTF-16 by default); server.py publishes diagnostics, code actions and hovers from the same
Linter as ``draftlint check``, through lint.run.session.
"""
