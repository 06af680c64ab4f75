"""ESG disclosure drafting assistant: the engine (no UI code here)."""
__version__ = "0.1.0"
