"""Answer: write the reply.

``render`` builds the words of a decision from the knowledge entries and
templates only (disclaimer always, helpline on fallback); ``format`` lays a
Reply out as text or JSON for the front ends.
"""
