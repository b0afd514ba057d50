#!/bin/sh
# `breachgen assess a.yaml b.yaml ...` is a YAML stream: one document per
# incident, each starting with '---'. A loader that refuses duplicate keys
# reads as many documents as files, each with its own id; before the fix
# the output was one mapping with every key repeated.
BUILD=${BUILD:-build}
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
set -- incidents/sc-2025-001.yaml incidents/sp-2026-001.yaml \
    tests/assess/edpb/e09-trusted-third-party.yaml
if ! "$BUILD/breachgen" assess "$@" >"$out" 2>/dev/null; then
	echo "not ok - assess of $# files exits non-zero"
	exit 0
fi
if [ "$(grep -c '^---' "$out")" -eq $# ]; then
	echo "ok - assess prints one '---' per file"
else
	echo "not ok - assess prints $(grep -c '^---' "$out") '---' for $# files"
fi
python3 - "$out" "$@" <<'PY'
import sys, yaml

class Strict(yaml.SafeLoader):
    pass

def mapping(loader, node, deep=False):
    keys = set()
    for k, _ in node.value:
        key = loader.construct_object(k, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(
                None, None, "duplicate key %r" % key, k.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep)

Strict.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
out, files = sys.argv[1], sys.argv[2:]
try:
    docs = list(yaml.load_all(open(out), Loader=Strict))
except yaml.YAMLError as e:
    print("not ok - the assess stream does not load strictly: %s" %
          str(e).replace("\n", " "))
    sys.exit(0)
ids = [d.get("id") for d in docs]
want = [f.rsplit("/", 1)[-1][:-5] for f in files]
if ids == want:
    print("ok - a strict loader reads %d documents, ids %s" %
          (len(docs), ", ".join(ids)))
else:
    print("not ok - the stream reads as ids %r, want %r" % (ids, want))
rules = [g.get("rule") for d in docs for g in d["recommend"]["grounds"]]
if rules and all(isinstance(r, str) and r for r in rules):
    print("ok - every ground names its rule id")
else:
    print("not ok - a ground has no rule id: %r" % rules)
PY
