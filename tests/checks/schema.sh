#!/bin/sh
# The JSON Schema is valid draft 2020-12 and accepts every example in
# incidents/; it refuses a file with an unknown key.
BUILD=${BUILD:-build}
schema=$(mktemp) || exit 1
trap 'rm -f "$schema"' EXIT
"$BUILD/breachgen" schema > "$schema"
python3 - "$schema" incidents/*.yaml <<'PY'
import json, sys
import yaml
from jsonschema import Draft202012Validator

class Loader(yaml.SafeLoader):
    pass
# YAML timestamps stay strings, as breachgen reads them.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}

schema = json.load(open(sys.argv[1]))
try:
    Draft202012Validator.check_schema(schema)
    print("ok - the JSON Schema is valid draft 2020-12")
except Exception as e:
    print("not ok - the JSON Schema is invalid: %s" % e)
v = Draft202012Validator(schema)
for path in sys.argv[2:]:
    doc = yaml.load(open(path, encoding="utf-8"), Loader=Loader)
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    if errs:
        print("not ok - %s against the JSON Schema" % path)
        for e in errs[:5]:
            sys.stderr.write("  %s: %s\n" % ("/".join(map(str, e.path)), e.message))
    else:
        print("ok - %s validates against the JSON Schema" % path)
    doc["unexpected_key"] = 1
    if list(v.iter_errors(doc)):
        print("ok - %s with an unknown key is refused" % path)
    else:
        print("not ok - %s with an unknown key is accepted" % path)
PY
