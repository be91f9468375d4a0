"""Verified facts about UK migration and the UK's agreements with Albania and Türkiye."""
