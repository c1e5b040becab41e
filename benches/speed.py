# Issue 19's driver: times the real annals binary from outside the process (a pty for warm
# start and keystrokes, subprocesses for cold search against fzf); benches/speed.sh calls it.
#
#   python3 benches/speed.py pty BIN FILE EVENTS [--runs N] [--dump] QUERY...
#   python3 benches/speed.py search BIN FILE LINES [--rounds N] QUERY...
#
# Python 3 standard library only. Each mode prints Markdown table rows (and notes on stderr).
# Not a test: the figures are to read, and they move with the machine's load.
import codecs
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
import unicodedata

COLS, ROWS = 120, 40
QUIET = 0.150  # "the last output a key caused" = output followed by this much quiet
KEY_TIMEOUT = 10.0  # give up on a key that keeps the screen busy this long
READY_TIMEOUT = 120.0  # give up on a start that shows no loaded screen this long
ESC, BACKSPACE = b"\x1b", b"\x7f"
VERBOSE = os.environ.get("VERBOSE") == "1"  # one line per key on stderr


class Screen:
    """Just enough of a terminal to read the rows ratatui/crossterm draw: printing, cursor
    positioning and erasing; colours, modes and anything else are skipped."""

    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.r = self.c = 0
        self.state, self.seq = "text", ""
        self.dec = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data):
        for ch in self.dec.decode(data):
            if self.state == "text":
                if ch == "\x1b":
                    self.state, self.seq = "esc", ""
                elif ch == "\r":
                    self.c = 0
                elif ch == "\n":
                    self.r = min(self.r + 1, self.rows - 1)
                elif ch == "\b":
                    self.c = max(self.c - 1, 0)
                elif ch >= " ":
                    self.put(ch)
            elif self.state == "esc":
                if ch == "[":
                    self.state = "csi"
                elif ch == "]":
                    self.state = "osc"
                else:
                    self.state = "text"  # a two-byte escape (ESC 7, ESC =, …)
            elif self.state == "csi":
                if "\x40" <= ch <= "\x7e":
                    self.csi(self.seq, ch)
                    self.state = "text"
                else:
                    self.seq += ch
            elif self.state == "osc":  # ends with BEL or ESC \
                if ch == "\x07":
                    self.state = "text"
                elif ch == "\x1b":
                    self.state = "esc"

    def put(self, ch):
        if unicodedata.combining(ch):
            return
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if self.c + w > self.cols:
            return
        self.grid[self.r][self.c] = ch
        if w == 2 and self.c + 1 < self.cols:
            self.grid[self.r][self.c + 1] = ""
        self.c += w

    def csi(self, seq, final):
        if seq.startswith("?") or seq.startswith(">"):
            return  # private modes
        ps = [int(p) if p.isdigit() else 0 for p in seq.split(";")] if seq else []
        p1 = ps[0] if ps else 0
        n = max(p1, 1)
        if final in "Hf":
            self.r = min(max(p1, 1), self.rows) - 1
            self.c = min(max(ps[1] if len(ps) > 1 else 1, 1), self.cols) - 1
        elif final == "A":
            self.r = max(self.r - n, 0)
        elif final == "B":
            self.r = min(self.r + n, self.rows - 1)
        elif final == "C":
            self.c = min(self.c + n, self.cols - 1)
        elif final == "D":
            self.c = max(self.c - n, 0)
        elif final == "G":
            self.c = min(n, self.cols) - 1
        elif final == "d":
            self.r = min(n, self.rows) - 1
        elif final == "J":
            rows = {0: range(self.r + 1, self.rows), 1: range(0, self.r), 2: range(self.rows), 3: range(self.rows)}
            for r in rows.get(p1, []):
                self.grid[r] = [" "] * self.cols
            if p1 == 0:
                self.grid[self.r][self.c :] = [" "] * (self.cols - self.c)
        elif final == "K":
            cols = {0: range(self.c, self.cols), 1: range(0, self.c + 1), 2: range(self.cols)}
            for c in cols.get(p1, []):
                self.grid[self.r][c] = " "

    def text(self):
        return "\n".join("".join(row) for row in self.grid)


class App:
    """annals in a COLS×ROWS pty, its output drained into `screen` whenever we wait."""

    def __init__(self, argv, env):
        self.t_spawn = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before annals looks at it
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.screen = Screen(COLS, ROWS)
        self.last_out = None  # time of the last byte read
        self.nbytes = 0
        self.status = None

    def read_for(self, timeout):
        """Wait up to `timeout` for output; read all that is there. True if any came."""
        r, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            raise EOFError("annals closed its terminal:\n" + self.screen.text())
        self.last_out = time.perf_counter()
        self.nbytes += len(data)
        self.screen.feed(data)
        return True

    def wait_for(self, pred, timeout):
        """Drain until pred(screen text) holds; the time it first held, or None."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if self.read_for(min(0.05, end - time.perf_counter())) and pred(self.screen.text()):
                return self.last_out
        return None

    def settle(self, quiet=QUIET, timeout=KEY_TIMEOUT, expect=False):
        """Drain until `quiet` passes with no output (with `expect`, counted from the first
        output, which may take up to `timeout`). (first, last) output times since the call
        (None if none), and whether it timed out instead."""
        start = time.perf_counter()
        first = last = None
        while True:
            now = time.perf_counter()
            if now - start > timeout:
                return first, last, last is not None
            since = now - (last if last is not None else start)
            if since >= quiet and (last is not None or not expect):
                return first, last, False
            wait = quiet - since if last is not None or not expect else start + timeout - now
            if self.read_for(wait):
                last = self.last_out
                first = first or last

    def key(self, data):
        """Send a key; the time from the write to the last output it caused (None: none)."""
        t0 = time.perf_counter()
        before = self.nbytes
        os.write(self.fd, data)
        # Every key here changes the prompt, so one that shows nothing yet is only slow.
        _, last, timed_out = self.settle(expect=True)
        d = float("inf") if timed_out else None if last is None else last - t0
        if VERBOSE:
            print(f"key {data!r}: {ms(d) if d is not None else 'no output'}, {self.nbytes - before} bytes",
                  file=sys.stderr)
        return d

    def peak_rss_kb(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def quit(self):
        """q (after Esc to leave any prompt), then make sure the child is reaped."""
        for k in (ESC, b"q"):
            try:
                os.write(self.fd, k)
            except OSError:
                break
            time.sleep(0.05)
        code = None
        end = time.perf_counter() + 5
        while code is None and time.perf_counter() < end:
            try:
                self.read_for(0.05)
            except EOFError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
        if code is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    break
                time.sleep(0.5)
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    code = os.waitstatus_to_exitcode(status)
                    break
            print(f"note: annals did not quit on q; killed (exit {code})", file=sys.stderr)
        os.close(self.fd)
        return code


def pct(xs, p):
    """Nearest-rank percentile of a non-empty list."""
    s = sorted(xs)
    k = max(1, -(-len(s) * p // 100))
    return s[int(k) - 1]


def ms(x):
    return "timeout" if x == float("inf") else f"{x * 1000:.1f} ms"


def pty_env():
    """The environment annals runs in: a colour terminal, UTF-8, no locale or NO_COLOR."""
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    for v in ("LC_ALL", "LC_CTYPE", "NO_COLOR"):
        env.pop(v, None)
    return env


def loaded_screen(events):
    """Is this the loaded screen, not the progress one: the timeline pane's title and the
    status bar's count, both as annals prints them (no thousands separator)?"""
    title, status = f"Timeline · {events}", f"{events}/{events}"
    return lambda s: title in s and status in s


def warm_start(argv, env, events, dump=False):
    """Seconds from spawn to the loaded screen (exits, showing the screen, if it never
    comes)."""
    app = App(argv, env)
    t = app.wait_for(loaded_screen(events), READY_TIMEOUT)
    if t is None:
        print(f"{argv[0]}: no loaded screen; screen was:\n" + app.screen.text(), file=sys.stderr)
        app.quit()
        sys.exit(1)
    if dump:
        print(app.screen.text(), file=sys.stderr)
    app.settle(0.3, 30)
    app.quit()
    return t - app.t_spawn


def mode_pty(args):
    runs, dump = 5, False
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--runs":
            runs = int(args.pop(0))
        elif opt == "--dump":
            dump = True
    binary, path, events, queries = args[0], args[1], int(args[2]), args[3:]
    env = pty_env()
    argv = [binary, "--fresh", path]
    loaded = loaded_screen(events)
    starts = [warm_start(argv, env, events, dump and i == 0) for i in range(runs)]

    # Keystrokes: one session, the filter opened with `/`, each query typed and deleted.
    app = App(argv, env)
    if app.wait_for(loaded, READY_TIMEOUT) is None:
        print("no loaded screen; screen was:\n" + app.screen.text(), file=sys.stderr)
        sys.exit(1)
    app.settle(0.5, 30)
    typed, deleted, silent, late = [], [], 0, 0
    hits = {}
    for q in queries:
        app.key(b"/")
        for ch in q:
            d = app.key(ch.encode())
            silent += d is None
            if d is not None:
                typed.append(d)
        m = re.search(r"(\d+)/" + str(events), app.screen.text().splitlines()[-1])
        hits[q] = m.group(1) if m else "?"
        if dump:
            print(app.screen.text(), file=sys.stderr)
        # Anything that still arrives after the quiet would have been cut off.
        late += app.settle(1.0, 30)[1] is not None
        for _ in q:
            d = app.key(BACKSPACE)
            silent += d is None
            if d is not None:
                deleted.append(d)
        late += app.settle(1.0, 30)[1] is not None
        app.key(ESC)  # close the (empty) prompt
        app.settle(0.3, 30)
    rss = app.peak_rss_kb()
    app.quit()

    both = typed + deleted
    goal = ("≤16 ms", "≤50 ms") if events >= 1_000_000 else ("≤5 ms", "≤16 ms")
    n = len(both)
    print(f"| keystroke → last screen update, median of {n} keys (typed and deleted) | {ms(statistics.median(both))} | {goal[0]} |")
    print(f"| keystroke → last screen update, p90 of {n} keys | {ms(pct(both, 90))} | {goal[1]} |")
    print(f"| typing: median / p90 / max of {len(typed)} keys | {ms(statistics.median(typed))} / {ms(pct(typed, 90))} / {ms(max(typed))} | |")
    print(f"| deleting (Backspace): median / p90 / max of {len(deleted)} keys | {ms(statistics.median(deleted))} / {ms(pct(deleted, 90))} / {ms(max(deleted))} | |")
    ws = sorted(starts)
    print(f"| warm start (cache filled): spawn → loaded screen with the count, median of {runs} (min–max) | {statistics.median(ws):.3f} s ({ws[0]:.3f}–{ws[-1]:.3f}) | ≤0.5 s |")
    if rss:
        print(f"| peak memory of the explorer after the typing (VmHWM) | {rss * 1024 / 1e6:.0f} MB | |")
    print("notes: hits shown " + ", ".join(f"{q}={h}" for q, h in hits.items())
          + f"; keys with no output: {silent}; output after the 150 ms quiet: {late} times", file=sys.stderr)


def mode_warm(args):
    """Warm starts only, binaries alternated: `warm [--runs N] FILE EVENTS BIN...`."""
    runs = 5
    if args and args[0] == "--runs":
        args.pop(0)
        runs = int(args.pop(0))
    path, events, binaries = args[0], int(args[1]), args[2:]
    env = pty_env()
    starts = {b: [] for b in binaries}
    for _ in range(runs):
        for b in binaries:
            starts[b].append(warm_start([b, "--fresh", path], env, events))
    for b, ws in starts.items():
        ws.sort()
        print(f"{b}: warm start median of {runs} {statistics.median(ws):.3f} s ({ws[0]:.3f}–{ws[-1]:.3f})")


def mode_search(args):
    rounds = 5
    if args and args[0] == "--rounds":
        args.pop(0)
        rounds = int(args.pop(0))
    binary, path, lines, queries = args[0], args[1], args[2], args[3:]
    cold_env = dict(os.environ, ANNALS_CACHE="off")

    def run(cmd, env=None, stdin=None):
        with open(stdin, "rb") if stdin else open(os.devnull, "rb") as inp:
            t = time.perf_counter()
            p = subprocess.run(cmd, stdin=inp, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            return time.perf_counter() - t, p.stdout.count(b"\n")

    tools = {
        "annals": lambda q: run([binary, "search", path, q], cold_env),
        "fzf": lambda q: run(["fzf", "--filter", q], stdin=lines),
        "exact": lambda q: run(["fzf", "--exact", "--filter", q], stdin=lines),
    }
    times = {(q, t): [] for q in queries for t in tools}
    hits = {}
    for r in range(rounds):  # alternating: each round runs every tool on every query
        for q in queries:
            for name, f in tools.items():
                d, h = f(q)
                times[(q, name)].append(d)
                hits[(q, name)] = h
    print(f"| query | annals hits | fzf hits | `ANNALS_CACHE=off annals search` | `fzf --filter` | annals/fzf | `fzf --exact --filter` |")
    print("|---|---|---|---|---|---|---|")
    ratios = []
    for q in queries:
        a, f, x = (statistics.median(times[(q, t)]) for t in tools)
        ratios.append(a / f)
        print(f"| `{q}` | {hits[(q, 'annals')]} | {hits[(q, 'fzf')]} | {a * 1000:.0f} ms | {f * 1000:.0f} ms | {a / f:.2f}× | {x * 1000:.0f} ms |")
    print(f"RATIO {statistics.median(ratios):.2f} {max(ratios):.2f}")


if __name__ == "__main__":
    mode, rest = sys.argv[1], sys.argv[2:]
    try:
        {"pty": mode_pty, "search": mode_search, "warm": mode_warm}[mode](rest)
    except EOFError as e:  # annals exited under us: say so, with its last screen
        print(f"speed.py: {e}", file=sys.stderr)
        sys.exit(1)
