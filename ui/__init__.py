"""Streamlit pages and the little glue they share. Pages read widgets, call the engine, render."""
