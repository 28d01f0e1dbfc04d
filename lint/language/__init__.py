"""Language knowledge for the checks: data-driven matchers over Chinese text (typos never seen
before, key formulations). Self-contained: imports nothing from draftlint."""
