"""Views: what the dashboard shows, read from facts/views.yaml (see model.py)."""
