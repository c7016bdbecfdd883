"""Command line: opens the TUI, the demo, the data tools (where, check, backup, restore,
export, import), the keyword gap between a job description and a resume, and resume versions.

Nothing heavy is imported before the TUI draws its first frame: the store is opened by the app
in a worker thread. Every failure prints one line naming the file and what to do.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bounceback import __version__
from bounceback.clock import Clock, SystemClock, local, local_zone
from bounceback.paths import backup_dir, crash_dir, db_path
from bounceback.sanitize import strip_unsafe

if TYPE_CHECKING:
    from bounceback.store.db import Store


class CliError(Exception):
    """A failure with a one-line message for the terminal."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bounceback",
        description="Turn every job rejection into data and momentum.",
    )
    p.add_argument("--version", action="version", version=f"bounceback {__version__}")
    p.add_argument("--db", metavar="PATH", help="database file (default: $BOUNCEBACK_DB or the "
                   "user data folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("open", help="open the app (the default)")
    demo = sub.add_parser("demo", help="open the app on a throwaway database of demo data")
    demo.add_argument("--out", metavar="PATH", help="write the demo database here and exit")
    demo.add_argument("--scale", type=int, metavar="N", help="make N applications (benchmarks)")
    sub.add_parser("where", help="print where the data lives")
    sub.add_parser("check", help="check the database: integrity, schema version, counts")
    backup = sub.add_parser("backup", help="write a consistent backup copy")
    backup.add_argument("--out", metavar="FILE", help="backup file (default: backups/ beside "
                        "the database)")
    restore = sub.add_parser("restore", help="replace the database with a backup (the current "
                             "one is kept aside)")
    restore.add_argument("file", metavar="FILE")
    export = sub.add_parser("export", help="export your data: json (everything), csv "
                            "(applications and rejections) or md (a brag document)")
    export.add_argument("--format", default="md", metavar="FORMAT",
                        help="md: the brag document (default); json: everything, versioned; "
                        "csv: applications.csv and rejections.csv in the --out folder")
    export.add_argument("--out", metavar="FILE", required=True,
                        help="the file (or, for csv, the folder) to write; files are created "
                        "0600 and never replaced without --force")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    import_ = sub.add_parser("import", help="import a bounceback JSON export or a CSV table "
                             "(all or nothing)")
    import_.add_argument("file", metavar="FILE")
    import_.add_argument("--dry-run", action="store_true",
                         help="only report what would be imported")
    keywords = sub.add_parser("keywords", help="compare a job description with a resume: the "
                              "job's key terms, missing / variant / present, and resume health")
    keywords.add_argument("--job", metavar="JOB_FILE", required=True,
                          help="the job description (.txt, .md, .pdf or .docx)")
    keywords.add_argument("--resume", metavar="RESUME_FILE", required=True,
                          help="the resume (.txt, .md, .pdf or .docx)")
    keywords.add_argument("--company", metavar="NAME", default="",
                          help="the employer's name, never reported as a term")
    keywords.add_argument("--json", action="store_true",
                          help="print a JSON list of {term, status, resume_term, line, ...}")
    resume = sub.add_parser("resume", help="your resume and cover-letter versions: add, list, "
                            "show, retire")
    rsub = resume.add_subparsers(dest="resume_command", metavar="ACTION", required=True)
    add = rsub.add_parser("add", help="keep a new version read from a file (.txt, .md, .pdf, "
                          ".docx)")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--label", metavar="L", help="a name for it (default: the file's name)")
    add.add_argument("--cover-letter", action="store_true",
                     help="it is a cover letter, not a resume")
    rsub.add_parser("list", help="every version: words, health warnings, applications using it")
    show = rsub.add_parser("show", help="one version's health and text")
    show.add_argument("id", type=int, metavar="ID")
    retire = rsub.add_parser("retire", help="stop using a version (it is kept)")
    retire.add_argument("id", type=int, metavar="ID")
    retire.add_argument("--undo", action="store_true", help="bring a retired version back")
    for command in [*sub.choices.values(), *rsub.choices.values()]:
        # `bounceback restore FILE --db PATH` works too
        command.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                             help="database file (same as before the command)")
    return p


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Run one command; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
        clock = clock or SystemClock()
        handler: Callable[[argparse.Namespace, Clock], int] = COMMANDS[args.command or "open"]
        return handler(args, clock)
    except BrokenPipeError:
        # the reader stopped early (`| head`): not an error; the command stops where it was
        # (an import whose report was cut short imports nothing)
        _silence(sys.stdout)
        return 0
    except CliError as exc:
        _complain(f"bounceback: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        message = getattr(exc, "message", None)
        if isinstance(message, str):
            _complain(f"bounceback: {message}")
            return 2
        if os.environ.get("BOUNCEBACK_DEBUG"):
            raise
        _complain(f"bounceback: unexpected error ({type(exc).__name__}); nothing was changed. "
                  "Set BOUNCEBACK_DEBUG=1 to see details.")
        return 1


def _say(text: str = "", *, err: bool = False) -> None:
    """Print, cleaned as the screens clean text: a path, a file's text or a foreign table name
    can carry escape sequences or bidi overrides, and none reaches the terminal raw."""
    print(strip_unsafe(text), file=sys.stderr if err else sys.stdout, flush=True)


def _complain(text: str) -> None:
    """The one line of a failure on stderr (even when stderr's reader is gone)."""
    try:
        _say(text, err=True)
    except BrokenPipeError:
        _silence(sys.stderr)


def _silence(stream: TextIO) -> None:
    """Point a stream whose reader has gone at /dev/null, so the exit-time flush stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _database(args: argparse.Namespace) -> Path:
    """The --db path, refused in one line when empty or not a regular file (nothing opened)."""
    from bounceback.store.fs import require_regular

    path = db_path(args.db)
    require_regular(path, missing_ok=True, what="database file")
    return path


def _open_store(path: Path, clock: Clock) -> Store:
    """Store.open, printing its notes (e.g. permissions tightened) on stderr, one line each."""
    from bounceback.store.db import Store

    store = Store.open(path, clock)
    for note in store.notes:
        _say(f"bounceback: note: {note}", err=True)
    store.notes.clear()
    return store


def _check_target(out: Path, force: bool, *, files: Sequence[str] = (), example: str = "",
                  links: bool = True) -> None:
    """Refuse an export path that cannot take the file(s), or holds some without --force."""
    from bounceback.targets import taken, target_problem

    problem = target_problem(out, files=files, example=example, links=links)
    if problem:
        raise CliError(problem)
    existing = [] if force else taken(out, files)
    if existing:
        raise CliError(_exists(existing[0]))


def _exists(target: object) -> str:
    """The one line for a file that is there already."""
    return f"{target} already exists; add --force to replace it."


@contextlib.contextmanager
def _writing(out: Path) -> Iterator[None]:
    """An export's write: a name taken meanwhile or a failing disk is one line, not a trace."""
    try:
        yield
    except FileExistsError as exc:  # os.link names the new name second, an O_EXCL open first
        raise CliError(_exists(exc.filename2 or exc.filename or out)) from exc
    except OSError as exc:
        raise CliError(f"could not write {out} ({exc.strerror or type(exc).__name__}).") from exc


def _run_tui(opener: Callable[[], Store], clock: Clock, demo: bool = False) -> int:
    from bounceback.app import BouncebackApp
    from bounceback.crash import crash_line

    app = BouncebackApp(open_store=opener, clock=clock, demo=demo, invite_rituals=not demo)
    try:
        app.run()
    except Exception as exc:  # noqa: BLE001 - a bug outside the app's handlers: reported the same
        if os.environ.get("BOUNCEBACK_DEBUG"):
            raise
        app.report_crash(exc)
    if app.signal_exit is not None:  # stopped in time after a signal: no forced end needed
        app.signal_exit.disarm()
    if app.crashed:  # Textual's traceback (with the person's text in it) was never printed
        _say(crash_line(app.crash_report, app.crash_problem), err=True)
        return 1
    if app.open_failed:  # the screen said it; the terminal keeps the line after quitting
        _say(f"bounceback: {app.open_error}", err=True)
        return 1
    # Textual sets 1 when an unexpected exception ended the app: a crash is never a success
    return app.return_code or 0


def cmd_open(args: argparse.Namespace, clock: Clock) -> int:
    """Open the TUI on the user's database."""
    path = _database(args)

    def opener() -> Store:
        from bounceback.starters import starters
        from bounceback.store.db import Store

        store = Store.open(path, clock, starters=starters())  # a first start gets the starters
        missed = _daily_backup(path, clock)
        if not store.readonly:  # read-only already says so in its banner
            store.notes.extend(missed)
        return store

    return _run_tui(opener, clock)


def _daily_backup(path: Path, clock: Clock) -> list[str]:
    """The first open of a day keeps a copy (the last 7 are kept); returns why not, if not."""
    from bounceback.store.errors import StoreError
    from bounceback.store.maintenance import daily_backup

    # a missed daily copy must not keep anyone from their data: it is a note, not an error
    try:
        daily_backup(path, local(clock, clock.now()))  # named by the person's own date
    except StoreError as exc:
        return [f"No daily backup today: {exc.message}"]
    return []


def cmd_demo(args: argparse.Namespace, clock: Clock) -> int:
    """Open the TUI on fresh demo data (or write it to --out and exit)."""
    if args.scale is not None and not 0 < args.scale <= 200_000:
        raise CliError("--scale must be between 1 and 200000.")
    if args.out == "":
        raise CliError("--out is empty; give the file for the demo database.")
    if args.out:
        out = Path(args.out).expanduser()
        if out.exists():
            raise CliError(f"{out} already exists; choose a new file for the demo database.")
        store = _build_demo(out, clock, args.scale)
        store.close()
        _say(f"demo database written to {out}")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="bounceback-demo-"))
    try:
        return _run_tui(lambda: _build_demo(folder / "demo.db", clock, args.scale), clock,
                        demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _build_demo(path: Path, clock: Clock, scale: int | None) -> Store:
    from bounceback.demo import build_demo
    from bounceback.store.db import Store

    store = Store.open(path, clock)
    build_demo(store, scale=scale)
    return store


def cmd_where(args: argparse.Namespace, clock: Clock) -> int:
    """Print the paths bounceback uses."""
    path = db_path(args.db)
    _say(f"database: {path}")
    _say(f"backups:  {backup_dir(path)}")
    _say(f"crash reports: {crash_dir()}")
    source = "--db" if args.db else ("$BOUNCEBACK_DB" if os.environ.get("BOUNCEBACK_DB") else
                                     "default")
    _say(f"chosen by: {source}")
    if isinstance(clock, SystemClock):  # which zone draws the line between days
        _say(f"days in:  {local_zone().describe()}")
    return 0


def cmd_check(args: argparse.Namespace, clock: Clock) -> int:
    """Integrity, schema version and counts; non-zero when something is wrong."""
    from bounceback.store.maintenance import check_database

    report = check_database(_database(args))
    _say(f"database: {report.path}")
    _say(f"integrity: {report.integrity or 'not checked'}")
    _say(f"schema: v{report.schema_version} (this bounceback writes v{report.latest})")
    for table, count in sorted(report.counts.items()):
        _say(f"  {table:<16} {count:>8,}")
    for problem in report.problems:
        _say(f"problem: {problem}", err=True)
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace, clock: Clock) -> int:
    """Write a consistent copy of the database."""
    from bounceback.store.maintenance import backup_database

    path = _database(args)
    if args.out == "":
        raise CliError("--out is empty; give the backup file to write (or leave --out out).")
    if not path.exists():
        raise CliError(f"{path} does not exist; nothing to back up.")
    dest = backup_database(path, Path(args.out).expanduser() if args.out else None, clock.now())
    _say(f"backup written to {dest}")
    return 0


def cmd_restore(args: argparse.Namespace, clock: Clock) -> int:
    """Replace the database with a checked backup, keeping the current one aside."""
    from bounceback.store.fs import require_regular
    from bounceback.store.maintenance import restore_database

    if not args.file:
        raise CliError("the backup file to restore is empty; give its path.")
    source = Path(args.file).expanduser()
    require_regular(source, missing_ok=False, what="backup file", outcome="nothing was restored")
    path = _database(args)
    kept = restore_database(source, path, clock.now())
    _say(f"restored {path} from {source}")
    if kept is not None:
        _say(f"the previous database was kept at {kept}")
    return 0


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    """Export as md (brag document), json or csv (0600, atomic, no overwrite)."""
    if args.format not in ("md", "json", "csv"):
        raise CliError(f"--format {args.format} is not one bounceback writes; use md, json "
                       "or csv.")
    path = _database(args)
    if not path.exists():
        raise CliError(f"{path} does not exist; nothing to export.")
    if not args.out:
        raise CliError("--out is empty; give the file to write.")
    out = Path(args.out).expanduser()
    if args.format != "md":
        return _export_data(args, path, out, clock)
    _check_target(out, args.force, example="brag.md")  # a link is replaced, never followed
    from bounceback.export_md import export_brag

    store = _open_store(path, clock)
    try:
        with _writing(out):
            counts = export_brag(store, out, overwrite=args.force)
    finally:
        store.close()
    _say(f"brag document written to {out} ({counts.wins} wins, {counts.strengths} strengths, "
          f"{counts.help_acts} times helping someone)")
    return 0


def _export_data(args: argparse.Namespace, path: Path, out: Path, clock: Clock) -> int:
    """`export --format json|csv`: the logic is in bounceback.store.portability."""
    from bounceback.store import portability

    csv = args.format == "csv"
    _check_target(out, args.force, files=portability.CSV_FILES if csv else (),
                  example="bounceback.json", links=False)
    store = _open_store(path, clock)
    try:
        with _writing(out):
            if csv:
                counts = portability.export_csv(store, out, overwrite=args.force)
            else:
                counts = portability.export_json(store, out, overwrite=args.force)
    finally:
        store.close()
    total = sum(counts.values())
    _say(f"{args.format} export written to {out} ({total:,} rows)")
    return 0


def cmd_import(args: argparse.Namespace, clock: Clock) -> int:
    """Report what a file holds, then (unless --dry-run) import it in one transaction."""
    from bounceback.clock import today
    from bounceback.starters import import_rules
    from bounceback.store import portability
    from bounceback.store.fs import require_regular

    path = _database(args)
    if not args.file:
        raise CliError("the file to import is empty; give its path.")
    source = Path(args.file).expanduser()
    require_regular(source, missing_ok=False, what="file to import", outcome="nothing was imported")
    try:
        plan = portability.plan_import(source, today(clock), import_rules())
    except portability.ImportRefused as exc:
        raise CliError(exc.message) from exc
    for line in portability.report_lines(plan):
        _say(line)
    store = _open_store(path, clock)
    try:
        problem = portability.target_problem(store, plan)
        if problem:
            raise CliError(problem)
        note = portability.target_note(store, plan)
        if note:
            _say(note)
        if not plan.ok:
            _say("bounceback: nothing was imported; fix the lines above and try again.", err=True)
            return 1
        if args.dry_run:
            _say("Dry run: nothing was changed.")
            return 0
        try:
            counts = portability.apply_import(store, plan)
        except portability.ImportRefused as exc:
            raise CliError(exc.message) from exc
    finally:
        store.close()
    _say(f"Imported: {portability.counts_text(counts)}.")
    return 0


def cmd_keywords(args: argparse.Namespace, clock: Clock) -> int:
    """The job's key terms against a resume (no database involved)."""
    from bounceback.documents import DocumentError
    from bounceback.keyword_report import keyword_report

    try:
        report = keyword_report(Path(args.job), Path(args.resume), company=args.company,
                                as_json=args.json)
    except DocumentError as exc:
        raise CliError(exc.message) from exc
    _say(report)
    return 0


def cmd_resume(args: argparse.Namespace, clock: Clock) -> int:
    """Add, list, show or retire resume versions in the database."""
    from bounceback import resume_cli
    from bounceback.documents import DocumentError
    from bounceback.domain import MaterialKind
    from bounceback.store.errors import NotFoundError, ValidationError

    store = _open_store(_database(args), clock)
    try:
        action = args.resume_command
        if action == "add":
            kind = MaterialKind.COVER_LETTER if args.cover_letter else MaterialKind.RESUME
            lines = resume_cli.add_resume(store, Path(args.file), label=args.label, kind=kind)
        elif action == "list":
            lines = resume_cli.list_resumes(store)
        elif action == "show":
            lines = resume_cli.show_resume(store, args.id)
        else:
            lines = resume_cli.retire_resume(store, args.id, back=args.undo)
    except DocumentError as exc:
        raise CliError(exc.message) from exc
    except ValidationError as exc:
        raise CliError(" ".join(exc.errors.values())) from exc
    except NotFoundError as exc:
        raise CliError(f"there is no version {args.id}; bounceback resume list shows them.") \
            from exc
    finally:
        store.close()
    for line in lines:
        _say(line)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Clock], int]] = {
    "open": cmd_open,
    "demo": cmd_demo,
    "where": cmd_where,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "import": cmd_import,
    "keywords": cmd_keywords,
    "resume": cmd_resume,
}
