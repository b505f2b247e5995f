"""Start one measured program and report its own start time and resource usage.

    python -S benchmarks/launch.py REPORT_FD PROGRAM [ARGS...]

Run by pty_run. A child's peak RSS (ru_maxrss) is a high-water mark that
survives exec and starts from the forking process's own: a program forked
straight from the benchmark (which holds histories and Textual in memory)
would report the benchmark's RSS whenever that is larger than its own. This
launcher is a bare `python -S` (a few MiB); the program forked from it reports
its own peak. Writes "start end utime stime maxrss_kb status" (monotonic
seconds, shared by every process on the machine) to REPORT_FD on exit.
"""

import os
import sys
import time


def main() -> None:
    report = int(sys.argv[1])
    argv = sys.argv[2:]
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(report)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    end = time.monotonic()
    fields = (start, end, usage.ru_utime, usage.ru_stime, usage.ru_maxrss)
    line = " ".join(repr(x) for x in fields) + f" {os.waitstatus_to_exitcode(status)}\n"
    os.write(report, line.encode())
    os.close(report)


if __name__ == "__main__":
    main()
