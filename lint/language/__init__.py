"""Language knowledge for the checks: data-driven matchers over Chinese text (typos never seen
before, key formulations). They import from draftlint only the shared mechanisms below them
(lint.regexes for the regexes their data may carry, lint.cachedir for their caches)."""
