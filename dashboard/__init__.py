"""Verified, hand-curated facts from source documents, shown as charts and timelines."""
