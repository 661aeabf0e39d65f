"""Cartera core: storage, intake, metrics and figures for key account management.

Everything here runs without Streamlit, except the ``kam_core.ui`` package.
"""

__version__ = "0.1.0"
