"""Portfolio scans: many documents checked once, their results kept in a store, and a report over them.

* :mod:`acqspec.portfolio.store`: the SQLite results store (schema and migrations);
* :mod:`acqspec.portfolio.scan`: what to check again, and the scan itself;
* :mod:`acqspec.portfolio.executors`: where documents are checked (local processes or a Dask cluster);
* :mod:`acqspec.portfolio.report`: the portfolio report (HTML with charts, CSV, JSON).
"""
