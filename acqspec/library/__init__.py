"""The clause library: schema, authority registry, loading, layering, validation and diffs."""
