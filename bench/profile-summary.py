"""Summarises a CPU profile of the service as Markdown: the share of samples whose stack passes through each
group of code, and the frames most often on top of the stack. Used by bench/run.sh.

    python3 bench/profile-summary.py < uniform.collapsed     # async-profiler's collapsed stacks
    jfr print --events jdk.ExecutionSample … | python3 bench/profile-summary.py --jfr   # JFR (Java code only)
"""
import collections
import re
import sys

# (name, substrings of a frame); frames name classes with slashes (org/postgresql/...), kernel frames end
# in _[k]
GROUPS = [
    ("the kernel (system calls, scheduling, network)", ("_[k]",)),
    ("garbage collection (G1's threads)", ("G1CM", "G1Evacuate", "G1Rebuild", "G1ParallelCleaning", "G1ConcurrentRefine",
                                           "G1BatchedTask", "G1ServiceThread", "G1FullGC", "G1Remark")),
    ("JIT compilers", ("CompileBroker",)),
    ("JDK delay scheduler (timed waits of virtual threads)", ("java/util/concurrent/DelayScheduler",)),
    ("PostgreSQL driver (JDBC)", ("org/postgresql/",)),
    ("connection pool (Hikari)", ("com/zaxxer/hikari/",)),
    ("Spring JDBC (statement, row mapping)", ("org/springframework/jdbc/",)),
    ("Jackson (JSON)", ("tools/jackson/",)),
    ("caches (Caffeine)", ("com/github/benmanes/caffeine/",)),
    ("Tomcat (HTTP, sockets)", ("org/apache/coyote/", "org/apache/tomcat/", "org/apache/catalina/")),
    ("Spring MVC", ("org/springframework/web/",)),
    ("Facecard's filters (telemetry, access log, limits)", ("dev/facecard/shared/web/", "dev/facecard/ratelimit/")),
    ("Facecard's profile code", ("dev/facecard/profile/",)),
    ("metrics (Micrometer)", ("io/micrometer/",)),
    ("logging (Logback)", ("ch/qos/logback/",)),
]



def collapsed(lines):
    """(frames, count) per line of "frame;frame;... count", the root first."""
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if stack and count.isdigit():
            yield stack.split(";"), int(count)


def jfr(text):
    """(frames, 1) per execution sample of `jfr print`, the root first, classes named with slashes."""
    for sample in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        if frames:
            yield [frame.replace(".", "/") for frame in reversed(frames)], 1


groups = collections.Counter()
tops = collections.Counter()
total = 0
for frames, count in (jfr(sys.stdin.read()) if "--jfr" in sys.argv[1:] else collapsed(sys.stdin)):
    total += count
    tops[frames[-1]] += count
    for name, parts in GROUPS:
        if any(part in frame for frame in frames for part in parts):
            groups[name] += count

total = total or 1
print(f"{total} samples.")
print()
print("| code | share of samples |")
print("| --- | ---: |")
for name, _ in GROUPS:
    print(f"| {name} | {100 * groups[name] / total:.1f}% |")
print()
print("| frame on top of the stack | share |")
print("| --- | ---: |")
for frame, count in tops.most_common(10):
    print(f"| `{frame.replace('|', '/')}` | {100 * count / total:.1f}% |")
