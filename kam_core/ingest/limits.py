"""How much one file and one upload may hold, checked while a file is read (issue 14).

A revenue file is bounded by its rows and its cells (rows x columns), per file and for the whole
upload (all its files go in one transaction), and an .xlsx by what its zip archive expands to. The
values are settings (``max_rows_per_file``...); readers call :meth:`ReadLimits.check` as rows come
in, so a file over a limit is refused early with the limit and the setting named, without ever
being materialised whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kam_core.common.errors import UploadError

# Excel's own grid: a sheet cell beyond it comes from a damaged or crafted file.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384


def grouped(n: int) -> str:
    """``10000000`` -> ``10 000 000`` (thin spaces read the same in English and Spanish)."""
    return f"{int(n):,}".replace(",", "\u202f")


@dataclass(frozen=True)
class ReadLimits:
    """Limits for one file; ``used_rows``/``used_cells`` are what earlier files of the same
    upload already hold (the upload's limits apply to the sum)."""

    rows: int = 10_000_000
    cells: int = 60_000_000
    upload_rows: int = 10_000_000
    upload_cells: int = 60_000_000
    expanded_bytes: int = 2_000 * 1_048_576
    used_rows: int = 0
    used_cells: int = 0

    @classmethod
    def from_settings(cls, values: dict) -> ReadLimits:
        return cls(
            rows=int(values["max_rows_per_file"]),
            cells=int(values["max_cells_per_file"]),
            upload_rows=int(values["max_rows_per_upload"]),
            upload_cells=int(values["max_cells_per_upload"]),
            expanded_bytes=int(values["max_expanded_mb"]) * 1_048_576,
        )

    def after(self, rows: int, cells: int) -> ReadLimits:
        """The limits for the next file of the same upload, once this one holds ``rows``."""
        return replace(self, used_rows=self.used_rows + rows, used_cells=self.used_cells + cells)

    @property
    def max_rows(self) -> int:
        """No file may go past this many rows (per file, and what the upload has left)."""
        return max(0, min(self.rows, self.upload_rows - self.used_rows))

    def check(self, file_name: str, rows: int, width: int) -> None:
        """Raise the :class:`UploadError` naming the first limit that ``rows`` x ``width`` passes."""
        width = max(1, int(width))
        if rows > self.rows:
            raise UploadError("hd.upload.too_many_rows", file=file_name, limit=grouped(self.rows))
        if rows * width > self.cells:
            raise UploadError("hd.upload.too_many_cells", file=file_name, limit=grouped(self.cells))
        if rows + self.used_rows > self.upload_rows:
            raise UploadError(
                "hd.upload.upload_rows", file=file_name, limit=grouped(self.upload_rows)
            )
        if rows * width + self.used_cells > self.upload_cells:
            raise UploadError(
                "hd.upload.upload_cells", file=file_name, limit=grouped(self.upload_cells)
            )


DEFAULT_LIMITS = ReadLimits()
