"""``show(id)``: a figure, mention or quote in its sentence, printed as plain text or displayed as HTML in a
notebook; ``shown(id)`` returns it."""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass

from . import registry
from .citation import lookup
from .errors import UnknownIdError
from .marks import Mark, check_marks, checks_by_row, entities_by_id, make_mark, mark_css, mark_html
from .rules.words import sentence_around
from .tables import descriptor, source_text


@dataclass(frozen=True, repr=False)
class Shown:
    """A row marked in its sentence; ``str()`` gives plain text, ``_repr_html_()`` HTML."""

    mark: Mark
    sentence: str
    offset: int

    def __repr__(self) -> str:
        return f"<Shown {self.mark.layer} {self.mark.row_id}: {self.mark.text!r}>"

    def __str__(self) -> str:
        before = self.sentence[: self.mark.start - self.offset]
        after = self.sentence[self.mark.end - self.offset :]
        lines = [f"{before}⟦{self.mark.text}⟧{after}", ""]
        lines += [f"{name}: {value}" for name, value in self.mark.fields]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        sentence = mark_html(self.sentence, [self.mark], self.offset, anchors=False)
        rows = "".join(
            f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>" for name, value in self.mark.fields
        )
        return (
            f'<div class="crt-show"><style>{mark_css()}</style>'
            f'<p class="crt-sentence">{sentence}</p>'
            f'<table class="crt-fields">{rows}</table></div>'
        )


def show(row_id: str) -> None:
    """Print the figure, mention or quote ``row_id`` in its sentence, or display it as HTML in a notebook.

    Returns None, so a REPL prints nothing more; :func:`shown` returns the :class:`Shown` itself.
    """
    marked = shown(row_id)
    if _in_notebook():
        from IPython.display import display

        display({"text/html": marked._repr_html_(), "text/plain": str(marked)}, raw=True)
    else:
        print(marked)


def _in_notebook() -> bool:
    """Whether a Jupyter kernel runs this code; IPython is never imported here, only read if already loaded."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and hasattr(shell, "kernel")


def shown(row_id: str) -> Shown:
    """The figure, mention or quote ``row_id`` in its sentence; a check id shows what it checks.

    Raises :class:`UnknownIdError` for an id that no figure, mention, quote or check has.
    """
    table, row = lookup(row_id)
    if registry.table(table).kind == "verdicts":
        return shown(registry.check_target(row, descriptor())[1])
    if table not in registry.layers():
        raise UnknownIdError(
            f"{row_id!r} is a row of {table}; show() and shown() take a figure, mention, quote or check id"
        )
    mark = make_mark(table, row, checks_by_row().get((table, row_id), []), entities_by_id())
    text = source_text(mark.source_id)
    check_marks(text, [mark])
    first, last = sentence_around(text, mark.start, mark.end)
    return Shown(mark, text[first:last], first)
