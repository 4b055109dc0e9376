"""`python -m bot`: the command line, and an exit that cannot hang.

A worker thread left running (an SQLite connection's, after an unexpected error) would keep
the interpreter waiting forever at exit: the bot down, yet its process alive to a supervisor.
So once `main` is done, the process exits with its code whatever threads are left.
"""

import os
import sys
import threading
import traceback

from bot.cli import main


def _exit(code: int) -> None:
    lingering = [
        thread
        for thread in threading.enumerate()
        if thread is not threading.main_thread() and not thread.daemon and thread.is_alive()
    ]
    if not lingering:
        raise SystemExit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


try:
    _code = main()
except KeyboardInterrupt:
    _code = 130
except Exception:
    traceback.print_exc()
    _code = 1
_exit(_code)
