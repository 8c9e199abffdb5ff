"""The drill domain, pure Python: model, checklists derived from the plan graph, the drill clock,
live state folded from observations, progress, inject files, design JSON and design checks."""
