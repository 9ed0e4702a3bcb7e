#!/usr/bin/env python3
"""Draw devset2 (fresh held-out set): see DEVSET.md, section "devset2.jsonl".

Population: every paper of the Hugging Face daily files (Paper_metadata_download-style `YYYY-MM-DD.json`,
as copied to ../shared/samples/hf_daily_papers/2404589803_hf-daily-paper-newsletter-chinese/) dated
2024-01-01 ... 2025-12-31 that parse as JSON arrays of objects and whose `paper.summary` is non-empty,
de-duplicated by arXiv id (`paper.id`; the first daily file in date order is the source), minus the 300 ids
of devset.jsonl. Then random.Random(20261126).sample(sorted(ids), 200): first 120 -> heldout2, next 80 -> train2.

This population definition reproduces the original devset draw exactly (seed 20250404, minus the 43
hf_papers.jsonl ids, 257 drawn: same ids, same order, same source files).

Usage: python3 draw_devset2.py [DAILY_DIR]   -> prints "id<TAB>split<TAB>source" lines in draw order.
"""
import glob
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.normpath(os.path.join(
    HERE, '..', '..', '..', '..', 'shared', 'samples', 'hf_daily_papers',
    '2404589803_hf-daily-paper-newsletter-chinese'))


def population(daily_dir):
    """arXiv id -> (daily file name, item) for the first occurrence."""
    first = {}
    for path in sorted(glob.glob(os.path.join(daily_dir, '*.json'))):
        name = os.path.basename(path)
        date = name[:-5]
        if not ('2024-01-01' <= date <= '2025-12-31'):
            continue
        try:
            with open(path, encoding='utf-8') as fh:
                data = json.load(fh)
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            continue  # 2024-12-11 ... 2025-01-10: repr() strings / wrapped object
        for item in data:
            paper = item.get('paper') or {}
            if not paper.get('id') or not paper.get('summary'):
                continue
            first.setdefault(paper['id'], (name, item))
    return first


def draw(daily_dir=DEFAULT_DIR):
    pop = population(daily_dir)
    with open(os.path.join(HERE, 'devset.jsonl'), encoding='utf-8') as fh:
        existing = {json.loads(line)['id'] for line in fh if line.strip()}
    ids = set(pop) - existing
    sample = random.Random(20261126).sample(sorted(ids), 200)
    out = []
    for i, pid in enumerate(sample):
        out.append((pid, 'heldout2' if i < 120 else 'train2', pop[pid][0], pop[pid][1]))
    return out, len(pop), len(ids)



def draw_fresh(seed, excluded_files, split, daily_dir=DEFAULT_DIR, count=200):
    """The later sets (devset3, devset4): `count` ids drawn with `seed` from the population minus the ids of
    `excluded_files` (next to this file), all in `split`. Returns (rows, population size, ids left)."""
    pop = population(daily_dir)
    existing = set()
    for name in excluded_files:
        with open(os.path.join(HERE, name), encoding='utf-8') as fh:
            existing |= {json.loads(line)['id'] for line in fh if line.strip()}
    ids = set(pop) - existing
    sample = random.Random(seed).sample(sorted(ids), count)
    return [(pid, split, pop[pid][0], pop[pid][1]) for pid in sample], len(pop), len(ids)

if __name__ == '__main__':
    rows, npop, nids = draw(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR)
    print(f'# population {npop} unique ids; {nids} after removing devset.jsonl; drew {len(rows)}', file=sys.stderr)
    for pid, split, src, _ in rows:
        print(f'{pid}\t{split}\t{src}')
