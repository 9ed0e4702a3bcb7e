#!/usr/bin/env python3
"""Draw devset8 (fresh held-out set for rules-10): see DEVSET.md, section "devset8.jsonl".

Population: every paper of the Hugging Face daily files (Paper_metadata_download-style `YYYY-MM-DD.json`,
as copied to ../shared/samples/hf_daily_papers/2404589803_hf-daily-paper-newsletter-chinese/) dated
2024-01-01 ... 2025-12-31 that parse as JSON arrays of objects and whose `paper.summary` is non-empty,
de-duplicated by arXiv id (`paper.id`; the first daily file in date order is the source), minus the 300 ids
of devset.jsonl and the 200 each of devset2.jsonl ... devset6.jsonl and the 300 of devset7.jsonl. Then random.Random(20261201).sample(sorted(ids), 300): all -> heldout8.

Same population as draw_devset2.py (which reproduces the original devset draw exactly).

Usage: python3 draw_devset7.py [DAILY_DIR]   -> prints "id<TAB>split<TAB>source" lines in draw order.
"""
import sys

from draw_devset2 import DEFAULT_DIR, draw_fresh  # same population, same folder


def draw(daily_dir=DEFAULT_DIR):
    return draw_fresh(20261201, ("devset.jsonl", "devset2.jsonl", "devset3.jsonl", "devset4.jsonl", "devset5.jsonl", "devset6.jsonl", "devset7.jsonl"), "heldout8", daily_dir, count=300)


if __name__ == '__main__':
    rows, npop, nids = draw(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR)
    print(f'# population {npop} unique ids; {nids} after removing devset.jsonl … devset7.jsonl; drew {len(rows)}', file=sys.stderr)
    for pid, split, src, _ in rows:
        print(f'{pid}\t{split}\t{src}')
