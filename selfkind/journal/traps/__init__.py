"""Thinking traps (CBT cognitive distortions) found in a client's thought, offline and explained.

`detect(text)` returns a `TrapResult`; see detector.py for the model and train.py for how it is made.
"""

from selfkind.journal.traps.detector import VOCABULARY, TrapResult, detect, load_model

__all__ = ["VOCABULARY", "TrapResult", "detect", "load_model"]
