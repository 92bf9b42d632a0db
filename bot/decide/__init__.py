"""Decide: choose what to do with an understood message.

``safety`` screens it first (emergencies, self-harm, personal decisions, out
of scope); ``policy`` then applies the dialogue rules (fallback threshold and
margin, follow-ups, clarification) to the ranked intents.
"""
