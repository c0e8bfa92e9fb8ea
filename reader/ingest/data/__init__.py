"""Data files for ingest and annotate (a package so that wheels include them)."""
