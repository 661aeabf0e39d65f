"""Early warnings: key accounts slipping, ranked by revenue at stake, with the evidence, an
acknowledgement with a note, and next quarter's expectation for every key account (F-PA-8)."""

from kam_core.ui import warnings_view
from kam_core.ui.empty import require_data
from kam_core.ui.filters import filter_bar, period_label
from kam_core.ui.setup import page_setup

ctx = page_setup("warnings")
require_data(ctx)
filters = filter_bar(ctx, dimensions=False)
warnings_view.render(ctx, filters, period_label(ctx, filters))
