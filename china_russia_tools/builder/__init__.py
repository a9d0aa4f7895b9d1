"""The build: seeds + annotation files -> Parquet tables + the data-dependent parts of the descriptor.

The one place where annotations become rows, split along the table registry:

- :mod:`.inputs` reads annotation files (strict YAML) and seeds (strict UTF-8);
- :mod:`.rows` checks each entry against its Table Schema field and anchors its words;
- :mod:`.table_kinds` makes each kind of table (sources, shared files, anchored layers) and
  :mod:`.checks` the checks table with each checked row's ``check_status``;
- :mod:`.assembly` runs them in order and checks ids;
- :mod:`.outputs` renders Parquet, the descriptor, the data dictionary and (in the package's own
  checkout) its type stub, and writes them atomically, all or nothing, under :mod:`.lock` (one build of a
  folder at a time, and a journal that rolls back a build killed while moving files);
- :mod:`.staleness` compares a fresh build with the committed outputs (and names the seeds it pins anew),
  and :mod:`.changes` the statuses it derives with the committed ones.

The Table Schemas in ``datapackage.json`` decide which keys an annotation may have, their types,
enums, patterns and which are required; the registry's citations and rules add what a schema
cannot say.
Every problem is collected and reported at once in an :class:`~china_russia_tools.AnnotationError`;
nothing is written unless the whole build succeeds.
"""

from __future__ import annotations

from .assembly import build_tables
from .changes import status_changes
from .lock import locked
from .outputs import Output, render, write
from .staleness import require_current, stale_outputs

__all__ = ["Output", "build_tables", "locked", "render", "require_current", "stale_outputs", "status_changes", "write"]
