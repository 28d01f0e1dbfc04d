"""A whole run: check (the command's work), files (which drafts), config, batch (worker
processes), copies, fix, annotate (Word comments), ruletests (packs' own examples)."""
