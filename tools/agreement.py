#!/usr/bin/env python3
"""agreement.py: inter-annotator agreement on the real-news gold.

Compares a second annotator's files (tests/realnews/second/<story>-<X>.jsonl)
with the first annotation of the same stories (tests/realnews/dev-*.jsonl,
heldout-*.jsonl) at the level `redline eval` scores: root level (source
country, target country, CAMEO root) and full code (source, target, code).
Sentences are paired by overlapping offsets, so slightly different boundaries
still meet. F1 between two annotators is symmetric (either may be the
reference). Usage: tools/agreement.py [SECOND_FILE...] (default: all of
tests/realnews/second/). Prints per story and overall; exit 0."""
import collections, glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "tests", "realnews")


def load(path):
    out = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        out[d["story"]].append((d["start"], d["end"], d.get("events", [])))
    return out


def keys(events, full):
    c = collections.Counter()
    for e in events:
        if full:
            c[(e["source"], e["target"], e["cameo"])] += 1
        else:
            c[(e["source"][:3], e["target"][:3], e["cameo"][:2])] += 1
    return c


def compare(first, second, full):
    """tp, events only in first, events only in second, over paired sentences"""
    tp = a_only = b_only = 0
    used = set()
    for s2, e2, ev2 in second:
        pool = collections.Counter()
        for i, (s1, e1, ev1) in enumerate(first):
            if s1 < e2 and s2 < e1 and i not in used:
                used.add(i)
                pool += keys(ev1, full)
        mine = keys(ev2, full)
        both = sum((pool & mine).values())
        tp += both
        a_only += sum(pool.values()) - both
        b_only += sum(mine.values()) - both
    for i, (_, _, ev1) in enumerate(first):
        if i not in used:
            a_only += len(ev1)
    return tp, a_only, b_only


def f1(tp, a, b):
    return 2 * tp / (2 * tp + a + b) if tp + a + b else 1.0


def main(argv):
    firsts = {}
    for f in sorted(glob.glob(os.path.join(GOLD, "dev-*.jsonl")) + glob.glob(os.path.join(GOLD, "heldout-*.jsonl"))):
        for story, sents in load(f).items():
            firsts[story] = (os.path.basename(f), sents)
    seconds = argv or sorted(glob.glob(os.path.join(GOLD, "second", "*.jsonl")))
    if not seconds:
        print("agreement: no second-annotator files", file=sys.stderr)
        return 0
    tot = {False: [0, 0, 0], True: [0, 0, 0]}
    for path in seconds:
        for story, sents in load(path).items():
            if story not in firsts:
                print(f"{path}: story {story} has no first annotation; skipped", file=sys.stderr)
                continue
            ffile, fsents = firsts[story]
            row = []
            for full in (False, True):
                tp, a, b = compare(fsents, sents, full)
                for i, x in enumerate((tp, a, b)):
                    tot[full][i] += x
                row.append(f"{'full' if full else 'root'} F1 {f1(tp, a, b):.3f} (both {tp}, first only {a}, second only {b})")
            print(f"story {story}  {ffile} vs {os.path.basename(path)}:  " + "  ".join(row))
    for full in (False, True):
        tp, a, b = tot[full]
        print(f"overall {'full' if full else 'root'}: F1 {f1(tp, a, b):.3f}  (both {tp}, first only {a}, second only {b})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
