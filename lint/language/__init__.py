"""Language knowledge for the checks: data-driven matchers over Chinese text (规范提法 …)."""
