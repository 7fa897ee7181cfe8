"""inovda — Inovasi Daerah: regional innovation management and the Indeks Inovasi Daerah (IID)."""

__version__ = "0.1.0"
