"""`kg serve`'s defaults and limits, one place for the CLI, the pool and the handler."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 10.0  # seconds a query may run
DEFAULT_MAX_ROWS = 10_000  # rows (or triples) an answer may hold
DEFAULT_MAX_BYTES = 50_000_000  # bytes an answer may hold: one row can be huge (CONCAT doublings)
# MB of memory (heap and private mappings) a worker process may use; past it the engine
# cannot allocate, and the worker is stopped and replaced.
DEFAULT_MAX_MEMORY = 1024

MAX_QUERY_BYTES = 1_000_000  # a longer request body is refused
MAX_CLIENTS = 128  # connections served at once; one more is answered 503 and closed
MAX_PER_ADDRESS = 32  # connections from one address at once: one client never holds every slot
# Seconds a client has to send a whole request, headers and body, counted from its connecting
# (or from its previous answer): a byte now and then does not extend it.
CLIENT_TIMEOUT = 30.0
