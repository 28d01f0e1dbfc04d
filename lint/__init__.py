"""draftlint: checks Chinese 对照检查材料 drafts against YAML rule packs."""

__version__ = "0.2.0"

from pathlib import Path as _Path

# The rule packs shipped with draftlint: packaged as lint/rules, beside the package in a checkout.
RULES_DIR = _Path(__file__).resolve().parent / "rules"
if not RULES_DIR.is_dir():
    RULES_DIR = _Path(__file__).resolve().parent.parent / "rules"
