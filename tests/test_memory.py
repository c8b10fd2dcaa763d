"""What the building process holds of the archive: the same value once, whatever process made it."""

from __future__ import annotations

from conftest import write_articles

from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import Register
from build_archive.build import PARALLEL_FROM, Analysis, ProcessPool, read_archive
from build_archive.cache import Cache
from build_archive.settings import Settings


def test_articles_read_by_the_pools_processes_share_one_string_per_actor_id_name_and_layer(tmp_path):
    write_articles(tmp_path / "articles", range(PARALLEL_FROM + 20))
    analysis = Analysis(load_lexicon("nl", Register()), Register(), Cache())
    read = read_archive(tmp_path / "articles", Settings(), analysis=analysis, engine=ProcessPool(2))
    mentions = [m for article in read.report.published for m in article.mentions]
    assert len(read.report.published) == PARALLEL_FROM + 20 and len(mentions) > 2 * len(read.report.published)
    for field in ("actor_id", "text", "layer"):
        values = {getattr(m, field) for m in mentions}
        assert len({id(getattr(m, field)) for m in mentions}) == len(values), field
    ids = [a for article in read.report.published for a in article.actors]
    assert len({id(a) for a in ids}) == len(set(ids))
