"""AppTest set-up."""

import pytest
from streamlit import config


@pytest.fixture(autouse=True)
def _apptest_config():
    # AppTest keeps an internal, unpicklable entry in session state; the served app keeps
    # runner.enforceSerializableSessionState on (.streamlit/config.toml).
    config.set_option("runner.enforceSerializableSessionState", False)
    yield
