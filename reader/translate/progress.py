"""The progress bar of a translation run: sentences done, rate and ETA, on stderr."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- sent/s" if speed is None else f"{speed:.1f} sent/s", style="progress.data.speed")


class RunProgress:
    """A rich progress bar, drawn only when asked for and stderr is a terminal."""

    def __init__(self, *, total: int, enabled: bool, engine, done: int = 0) -> None:
        self._progress = None
        if not enabled:
            return
        console = Console(stderr=True)
        if not console.is_terminal:
            return
        label = f"translating ({engine.name})"
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._task = self._progress.add_task(label, total=total, completed=done)

    def __enter__(self) -> "RunProgress":
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, count: int) -> None:
        if self._progress is not None and count:
            self._progress.advance(self._task, count)
