"""Shared Streamlit pieces: the only part of kam_core that imports streamlit."""
