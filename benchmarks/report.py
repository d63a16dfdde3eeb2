#!/usr/bin/env python3
"""Turns a JMH JSON result of SipParseBenchmark/SipEncodeBenchmark (run with -prof gc) into the
Markdown tables of README.md: SIPIM against JAIN-SIP per message, with the target per table.

    python3 benchmarks/report.py /tmp/bench.json
"""
import json
import sys

TARGETS = {"SipParseBenchmark": ("Parse", 8.0), "SipEncodeBenchmark": ("Encode", 3.0)}
ALLOC_TARGET = 1 / 3  # parse: SIPIM allocates less than a third of what JAIN-SIP does
ORDER = ["register", "invite", "notify", "ok200"]


def main(path):
    rows = {}
    for r in json.load(open(path)):
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        msg = r["params"]["message"]
        side = "jain" if method.startswith("jain") else method
        pm = r["primaryMetric"]
        norm = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
        rows.setdefault(cls, {}).setdefault(msg, {})[side] = (pm["score"], pm["scoreError"], norm)
    for cls in ["SipParseBenchmark", "SipEncodeBenchmark"]:
        if cls not in rows:
            continue
        op, target = TARGETS[cls]
        print(f"### {cls}\n")
        print("| message | SIPIM benchmark | SIPIM ops/s | JAIN-SIP ops/s | speed ratio | SIPIM B/op | JAIN-SIP B/op"
              f" | alloc ratio | speed ≥ {target:g}× |" + (" alloc < 1/3 |" if op == "Parse" else ""))
        print("|---|---|---:|---:|---:|---:|---:|---:|:-:|" + (":-:|" if op == "Parse" else ""))
        for msg in ORDER:
            j = rows[cls][msg]["jain"]
            for variant, s in sorted(rows[cls][msg].items(), key=lambda kv: -len(kv[0])):
                if variant == "jain":
                    continue
                speed, alloc = s[0] / j[0], s[2] / j[2]
                line = (f"| {msg} | `{variant}` | {s[0]:,.0f} ± {s[1]:,.0f} | {j[0]:,.0f} ± {j[1]:,.0f} "
                        f"| {speed:.2f}× | {s[2]:,.0f} | {j[2]:,.0f} | {alloc:.2f} "
                        f"| {'met' if speed >= target else 'NOT met'} |")
                if op == "Parse":
                    line += f" {'met' if alloc < ALLOC_TARGET else 'NOT met'} |"
                print(line)
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench.json")
