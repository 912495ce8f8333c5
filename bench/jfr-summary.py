"""Summarises `jfr print --events jdk.ExecutionSample` (stdin) as Markdown: the share of samples whose stack
passes through each group of code, and the methods most often on top of the stack. Used by bench/run.sh."""
import collections
import re
import sys

GROUPS = [
    ("PostgreSQL driver (JDBC)", ("org.postgresql.",)),
    ("connection pool (Hikari)", ("com.zaxxer.hikari.",)),
    ("Spring JDBC (statement, row mapping)", ("org.springframework.jdbc.",)),
    ("Jackson (JSON)", ("tools.jackson.",)),
    ("caches (Caffeine)", ("com.github.benmanes.caffeine.",)),
    ("Tomcat (HTTP, sockets)", ("org.apache.coyote.", "org.apache.tomcat.", "org.apache.catalina.")),
    ("Spring MVC", ("org.springframework.web.",)),
    ("Facecard's filters (telemetry, access log, limits)", ("dev.facecard.shared.web.", "dev.facecard.ratelimit.")),
    ("Facecard's profile code", ("dev.facecard.profile.",)),
    ("metrics (Micrometer)", ("io.micrometer.",)),
    ("logging (Logback)", ("ch.qos.logback.",)),
]

samples = sys.stdin.read().split("jdk.ExecutionSample")[1:]
groups = collections.Counter()
tops = collections.Counter()
for sample in samples:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
    if frames:
        tops[frames[0]] += 1
    for name, prefixes in GROUPS:
        if any(frame.startswith(prefixes) for frame in frames):
            groups[name] += 1

total = len(samples) or 1
print(f"{len(samples)} samples.")
print()
print("| code | share of samples |")
print("| --- | ---: |")
for name, _ in GROUPS:
    print(f"| {name} | {100 * groups[name] / total:.1f}% |")
print()
print("| method on top of the stack | share |")
print("| --- | ---: |")
for method, count in tops.most_common(10):
    print(f"| `{method}` | {100 * count / total:.1f}% |")
