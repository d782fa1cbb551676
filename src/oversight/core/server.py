"""gunicorn pieces for `oversight serve`: a logger that never writes a client address,
and a threaded worker that drops clients who stall in the middle of a request.

gunicorn writes "Invalid request from ip=…" to its error log for malformed requests,
before Django or its logging settings are involved; its own handlers get the same
`NoClientIdentity` filter as ours.

The threaded worker already hands a connection to a thread only once bytes arrive;
a client that then sends half a request and stalls (slowloris) would hold that thread
forever. A receive timeout on every client socket ends such a read after
`HEADER_TIMEOUT` seconds, so a stalled client costs one thread for that long at most,
and the closing handshake runs on a pool thread, never on the loop that accepts.
"""

import errno
import logging
import socket
import struct
from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]
from gunicorn.workers.gthread import ThreadWorker  # type: ignore[import-untyped]

from oversight.core.logging import NoClientIdentity
from oversight.env import env_int

HEADER_TIMEOUT = env_int("CLIENT_TIMEOUT", 10, minimum=1)  # seconds


class StalledClient(logging.Filter):
    """A client dropped by the receive timeout is routine: one line at INFO, no traceback
    (otherwise each slowloris connection would write a traceback at ERROR)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, OSError) and error.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
            record.msg, record.args, record.exc_info, record.exc_text = (
                "Closed a connection that stalled in the middle of a request.",
                None,
                None,
                None,
            )
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


class PrivateLogger(Logger):  # type: ignore[misc]  # gunicorn is untyped
    """gunicorn's logger, with client addresses and user agents masked in both logs."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(StalledClient())
        for log in (self.error_log, self.access_log):
            log.addFilter(NoClientIdentity())
            for handler in log.handlers:
                handler.addFilter(NoClientIdentity())


class StallProofWorker(ThreadWorker):  # type: ignore[misc]
    """gthread, with a receive timeout on each client socket (see the module docstring)."""

    def enqueue_req(self, conn: Any) -> None:
        timeout = struct.pack("ll", HEADER_TIMEOUT, 0)  # struct timeval
        try:
            conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeout)
        except OSError:  # the client is already gone; gunicorn handles that
            logging.getLogger(__name__).debug("could not set a receive timeout")
        super().enqueue_req(conn)

    def finish_request(self, conn: Any, fs: Any) -> None:
        """Close finished connections from a pool thread: gunicorn's graceful close waits
        up to two seconds for the client to hang up, and on the main loop a stalled client
        would hold up every other connection meanwhile."""
        try:
            result = False if fs.cancelled() else fs.result()
        except Exception:  # the thread failed; gunicorn closes the connection as usual
            result = True
        if result is False or result is None:
            self.nr_conns -= 1
            self.tpool.submit(conn.close, True)
            return
        super().finish_request(conn, fs)
