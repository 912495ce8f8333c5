#!/usr/bin/env python3
"""How often a cache misses Zipf (s = 1) draws over N users, as bench/lua/zipf-profile.lua makes them.

An LRU cache of CAPACITY entries, each trusted for TTL seconds after it was loaded (expire after write, as
facecard.cache.ttl), fed RATE draws a second for SECONDS (the first 5 s not counted). Fixed seed. Caffeine's
policy keeps popular entries better than LRU, so take the capacity-bound figures as an upper bound.

    bench/zipf-misses.py                       # the table of bench/RESULTS.md (Notes)
    N=1000000 RATE=13000 TTL=5 CAPACITY=37700 bench/zipf-misses.py
"""
import bisect
import os
import random
from collections import OrderedDict

N = int(os.environ.get("N", 1_000_000))
SECONDS = int(os.environ.get("SECONDS", 20))

cdf = []
total = 0.0
for k in range(1, N + 1):
    total += 1 / k
    cdf.append(total)


def miss_ratio(rate, ttl, capacity):
    draws = random.Random(1)
    cached = OrderedDict()  # user -> load time, least recently used first
    misses = counted = 0
    for i in range(int(rate * SECONDS)):
        now = i / rate
        user = bisect.bisect_left(cdf, draws.random() * total)
        loaded = cached.get(user)
        hit = loaded is not None and now - loaded < ttl
        if hit:
            cached.move_to_end(user)
        else:
            cached[user] = now
            cached.move_to_end(user)
            if len(cached) > capacity:
                cached.popitem(last=False)
        if now >= 5:
            counted += 1
            misses += not hit
    return misses / counted


if "RATE" in os.environ:
    cases = [(int(os.environ["RATE"]), float(os.environ.get("TTL", 5)), int(os.environ.get("CAPACITY", 10**9)))]
else:
    cases = [(13000, 5, 10**9), (28000, 5, 10**9), (28000, 5, 37700), (28000, float("inf"), 37700),
             (28000, float("inf"), 53700)]
print("| draws/s | TTL s | cards held at most | misses |")
print("| ---: | ---: | ---: | ---: |")
for rate, ttl, capacity in cases:
    print(f"| {rate} | {ttl:g} | {'unbounded' if capacity >= 10**9 else capacity} | "
          f"{100 * miss_ratio(rate, ttl, capacity):.1f}% |", flush=True)
