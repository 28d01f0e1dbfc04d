"""Rule packs: parse (YAML → Pack), resolve (``extends`` → Profile), registry (packs by id),
cache (parsed packs kept between runs)."""
