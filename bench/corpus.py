#!/usr/bin/env python3
"""corpus.py N SHARED: prints a JSONL corpus of at least N sentences for bench/run.sh.
Sentences come from our examples and development set and, when SHARED exists,
from the GigaWord sample and the seed article (read in place, never copied into
the repository). Stories of 20 sentences each; each record carries its count 'n'."""
import glob, json, os, re, sys

n_target = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
shared = sys.argv[2] if len(sys.argv) > 2 else "../shared"
pool = []
for line in open("examples/stories.jsonl", encoding="utf-8"):
    pool += re.split(r"(?<=[.!?])\s+", json.loads(line)["text"])
for path in glob.glob("tests/gold/dev/*.test") + glob.glob("tests/cases/*.test"):
    for line in open(path, encoding="utf-8"):
        if line.startswith("text: "):
            pool.append(line[6:].strip())
if os.path.isdir(shared):
    try:
        xml = open(os.path.join(shared, "data/petrarch2/GigaWord.sample.PETR.xml"), encoding="utf-8").read()
        pool += [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<Text>(.*?)</Text>", xml, re.S)]
        art = open(os.path.join(shared, "data/articles/us-russia-talks-2021-12.txt"), encoding="utf-8").read()
        pool += [s for s in re.split(r"(?<=[.!?])\s+", art) if len(s) > 20]
    except OSError:
        pass
pool = [s for s in pool if s]
total, i, k = 0, 0, 0
while total < n_target:
    sents = [pool[(i + j) % len(pool)] for j in range(20)]
    i += 7
    k += 1
    print(json.dumps({"id": f"b{k}", "date": "2022-02-24", "text": " ".join(sents), "n": len(sents)}))
    total += len(sents)
