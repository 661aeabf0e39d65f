"""The copy-link control carries the audience (F-PR-1): ``present=1`` for our team,
``present=client`` for the client; the open section travels with the link."""

from types import SimpleNamespace

from kam_core.ui.exports import view_links


def test_links_for_each_audience():
    ctx = SimpleNamespace(page="account", lang="en")
    params = {"account": "C1000", "view": "Account plan", "present": "client", "section": "2"}
    this, internal = view_links(ctx, None, params, "internal")
    _, client = view_links(ctx, None, params, "client")
    assert this == "/account?account=C1000&view=Account+plan&section=2&lang=en"
    assert internal == this + "&present=1"
    assert client == this + "&present=client"
