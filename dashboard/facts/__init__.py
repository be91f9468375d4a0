"""Facts: schema, safe loading, validation, dates and coverage."""
