"""Reading the build's inputs: annotation files (strict YAML) and seeds (strict UTF-8 text)."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems
from ..files import FileTooLarge, NotRegularFile, read_regular
from .context import SEEDS

SOURCE_ID = re.compile(r"^[a-z0-9_-]+$")
"""A source id is its seed's file stem: lowercase letters, digits, ``-`` and ``_``."""


@dataclass(frozen=True)
class Seed:
    source_id: str
    path: Path
    data: bytes
    text: str


class AnchorError(yaml.MarkedYAMLError):
    """An anchor or alias in an annotation file."""


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _SafeLoader(yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser (some 7x faster than PyYAML's) under PyYAML's composer, which
        :class:`StrictLoader` teaches to refuse anchors as it composes; libyaml's composer cannot be taught."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)

else:
    _SafeLoader = yaml.SafeLoader  # type: ignore[assignment,misc]


class StrictLoader(_SafeLoader):
    """PyYAML's safe loader (plain data only, no tags that run code) that also refuses a key written
    twice in one mapping, which the safe loader would silently resolve to the last value, and every anchor
    (``&name``) and alias (``*name``) as it composes the file: annotation files repeat nothing by
    reference, and an alias can multiply a small file into gigabytes (a "billion laughs")."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # an alias, a scalar or the start of a sequence or mapping
        if event.anchor is not None:  # an alias's anchor is the name it repeats
            alias = isinstance(event, yaml.AliasEvent)
            written = f"an alias (*{event.anchor})" if alias else f"an anchor (&{event.anchor})"
            raise AnchorError(None, None, f"{written} is refused; write each value out", event.start_mark)
        return super().compose_node(parent, index)


def construct_unique_mapping(loader: StrictLoader, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
    data: dict[Any, Any] = {}
    yield data
    seen = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        if isinstance(key, Hashable) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is written twice in one mapping", key_node.start_mark
            )
        seen.add(key)
    data.update(loader.construct_mapping(node))


def construct_date(loader: StrictLoader, node: yaml.ScalarNode) -> Any:
    """A date or timestamp, or a clear error for one that does not exist (such as 2023-13-01)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as error:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date: {error}", node.start_mark
        ) from error


def refuse_tag(loader: StrictLoader, node: yaml.Node) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag {node.tag!r} is refused; annotation files hold plain data only", node.start_mark
    )


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_unique_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_date)
StrictLoader.add_constructor(None, refuse_tag)


MAX_YAML_BYTES = 10_000_000
"""The largest annotation file read, 10 MB (the largest today is some 30 kB)."""
MAX_SEED_BYTES = 10_000_000
"""The largest seed read, 10 MB (the largest today is some 4 kB)."""


def read_input(path: Path, where: str, files: str, limit: int, problems: Problems) -> bytes | None:
    """The bytes of an input file; ``None`` (and a problem) when it is not a regular file, is larger than
    ``limit`` or cannot be read. ``files`` names what such files are (``seeds``)."""
    try:
        return read_regular(path, limit)
    except NotRegularFile as error:
        problems.add(where, f"is {error.kind}, not a regular file; {files} are plain text files", "not-regular-file")
    except FileTooLarge as error:
        problems.add(where, f"is {error.size:,} bytes; {files} may hold at most {limit:,}", "file-too-large")
    except OSError as error:
        problems.add(where, f"cannot read: {error.strerror or error}", "unreadable-file")
    return None


def read_yaml(path: Path, where: str, problems: Problems) -> Any:
    """Parse a YAML file with :class:`StrictLoader`; ``None`` (and a problem) when it cannot be parsed, is
    not a regular file, is larger than :data:`MAX_YAML_BYTES` or holds an anchor or alias."""
    data = read_input(path, where, "annotation files", MAX_YAML_BYTES, problems)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
        content = yaml.load(text, Loader=StrictLoader)
    except UnicodeDecodeError as error:
        problems.add(where, f"cannot read: {error}", "unreadable-file")
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        code = "yaml-alias" if isinstance(error, AnchorError) else "yaml-syntax"
        detail = ", ".join(filter(None, (error.context, error.problem)))
        problems.add(where, f"not valid YAML{position}: {detail}", code)
        return None
    except yaml.YAMLError as error:
        problems.add(where, f"not valid YAML: {' '.join(str(error).split())}", "yaml-syntax")
        return None
    if content is None:
        problems.add(where, "file is empty", "empty-file")
    elif not isinstance(content, dict):
        problems.add(where, f"expected a mapping at the top level, found {type(content).__name__}", "yaml-structure")
        return None
    return content


def outside(root: Path, path: Path, where: str, problems: Problems) -> bool:
    """True (and a problem) when ``path`` is a link that leads out of the project ``root``."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return False
    problems.add(
        where, f"leads outside the project, to {target}; inputs must be files inside {root}", "outside-project"
    )
    return True


def read_seed(path: Path, name: str, problems: Problems) -> Seed | None:
    """The seed at ``path`` (named ``name`` in problems) as strict UTF-8 without BOM, NUL or CR; None, with its
    problem added, when it cannot be read or is not plain text."""
    data = read_input(path, name, "seeds", MAX_SEED_BYTES, problems)
    if data is None:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.add(
            name, "starts with a UTF-8 byte order mark; seeds must be stored without one", "seed-not-plain-text"
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(name, f"not valid UTF-8 at byte {error.start}: {error.reason}", "seed-not-utf8")
        return None
    if "\0" in text:
        problems.add(
            name,
            f"contains a NUL character at code point {text.index(chr(0))}; seeds are plain text",
            "seed-not-plain-text",
        )
        return None
    if "\r" in text:
        problems.add(
            name,
            f"contains a carriage return at code point {text.index(chr(13))}; seeds use LF line ends",
            "seed-not-plain-text",
        )
        return None
    return Seed(path.stem, path, data, text)


def read_seeds(root: Path, problems: Problems) -> dict[str, Seed]:
    """Read every ``seeds/*.txt`` as strict UTF-8 without BOM or CR line ends."""
    seeds = {}
    for path in sorted((root / SEEDS).glob("*")):
        name = f"{SEEDS}/{path.name}"
        if path.suffix != ".txt" or not SOURCE_ID.match(path.stem):
            problems.add(
                name,
                "not a seed: expected a .txt file whose name is lowercase letters, digits, '-' and '_'",
                "seed-name",
            )
            continue
        if outside(root, path, name, problems):
            continue
        seed = read_seed(path, name, problems)
        if seed is not None:
            seeds[seed.source_id] = seed
    if not seeds and not problems.lines:
        problems.add(SEEDS, "no seeds found", "no-seeds")
    return seeds
