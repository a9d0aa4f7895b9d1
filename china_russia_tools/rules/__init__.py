"""The rules of the rows: what their words say (:mod:`.words`), read once for the build, ``validate`` and
``draft``."""
