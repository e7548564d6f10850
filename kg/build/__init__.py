"""Building a store: build.py reads the inputs, drops copies, skips what is stored and
writes one named graph per article; parallel.py parses in worker processes (or on a Dask
cluster) and hands the facts back in order."""
