"""Everything that touches bytes on disk: safe YAML, atomic writes, readers and writers."""
