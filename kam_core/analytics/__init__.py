"""Pure maths over frames: no database, no Streamlit, no I/O."""
