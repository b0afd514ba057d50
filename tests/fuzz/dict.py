#!/usr/bin/python3
"""dict.py - a libFuzzer dictionary from the incident's JSON Schema
(`breachgen schema` on stdin): every field name as a YAML key, every
enumerated value, the patterns' examples, and YAML punctuation."""
import json
import sys

schema = json.load(sys.stdin)
words = set()


def walk(node):
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            words.add(key + ":")
            words.add(key + ": ")
        for value in node.get("enum", []):
            if isinstance(value, str):
                words.add(value)
        for sub in node.values():
            walk(sub)
    elif isinstance(node, list):
        for sub in node:
            walk(sub)


walk(schema)
words.update(["breachgen: 1", "tbd", "2025-12-14T08:30:00+01:00",
              "2025-12-14", "Z", "+01:00", "{fr: ", "en: ", "- ", "\n  ",
              "[", "]", "{", "}", "\"", "'", "|", ">-", "#", "---", "&a",
              "*a", "!!str", "\\0", "\\x1B", "\\u0085", "\\U0001F600"])
for w in sorted(words):
    out = ""
    for ch in w.encode("utf-8"):
        if ch == 0x5C or ch == 0x22 or ch < 0x20 or ch > 0x7E:
            out += "\\x%02X" % ch   # libFuzzer reads \xNN escapes
        else:
            out += chr(ch)
    print('"' + out + '"')
