"""The archive's search index: Whoosh, behind this package alone (see `index`)."""

from .lean import import_whoosh

import_whoosh()  # before any module of this package imports Whoosh
