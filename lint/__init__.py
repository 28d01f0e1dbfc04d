"""draftlint: checks Chinese 对照检查材料 drafts against YAML rule packs."""

__version__ = "0.2.0"
