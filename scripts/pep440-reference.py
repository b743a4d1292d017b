#!/usr/bin/env python3
"""Records what pip's `packaging` says of random PEP 440 specifier sets and versions, for
test/unit/specs/pep440Reference.test.ts: Manifest Guard's own matching must agree with it.

    python3 -m pip install packaging && python3 scripts/pep440-reference.py

Without pip access, a downloaded wheel works in place (wheels are zip files Python imports from):

    PYTHONPATH=/path/to/packaging-26.2-py3-none-any.whl python3 scripts/pep440-reference.py

Pre-releases are admitted only when the set names one, as pip resolves (`prereleases=` below):
packaging's own default changed across its versions. The seed is fixed, so a re-run with the
same packaging version writes the same file.
"""
import json
import random
import sys
from pathlib import Path

import packaging
from packaging.specifiers import SpecifierSet
from packaging.version import Version

rnd = random.Random(440)


def version() -> str:
    v = ".".join(str(rnd.randrange(4)) for _ in range(1 + rnd.randrange(3)))
    if rnd.randrange(6) == 0:
        v = f"{1 + rnd.randrange(2)}!{v}"
    r = rnd.randrange(10)
    if r == 0:
        v += rnd.choice(["a", "b", "rc"]) + str(rnd.randrange(3))
    elif r == 1:
        v += f".post{rnd.randrange(3)}"
    elif r == 2:
        v += f".dev{rnd.randrange(3)}"
    elif r == 3:
        v += rnd.choice(["a", "rc"]) + str(rnd.randrange(2)) + ".post1"
    elif r == 4:
        v += f"+local.{rnd.randrange(3)}"
    elif r == 5:
        v += rnd.choice(["a1.dev0", "rc1.dev1"])
    return v


def clause() -> str:
    op = rnd.choice(["==", "!=", ">=", "<=", ">", "<", "~=", "==", "!="])
    v = version()
    if op == "~=" and "." not in v.split("!")[-1].split("a")[0].split("b")[0].split("rc")[0]:
        v = v.replace(v.split("!")[-1], v.split("!")[-1] + ".0", 1) if "+" not in v else v
    public = v.split("+")[0]
    if op in ("==", "!=") and rnd.randrange(4) == 0:
        for marker in ("a", "b", "rc", ".post", ".dev"):
            public = public.split(marker)[0] if marker in public.split("!")[-1] else public
        return op + public + ".*"
    return op + (v if op in ("==", "!=") else public)


def main() -> None:
    cases = []
    while len(cases) < 3000:
        spec = ", ".join(clause() for _ in range(1 + rnd.randrange(2)))
        candidate = version()
        try:
            s = SpecifierSet(spec)
            admitted = s.contains(Version(candidate), prereleases=bool(s.prereleases))
        except Exception:
            continue
        cases.append([spec, candidate, admitted])
    out = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "specs" / "pep440-packaging.json"
    rows = ",\n".join(json.dumps(c) for c in cases)
    out.write_text(f'{{"packaging": {json.dumps(packaging.__version__)}, "cases": [\n{rows}\n]}}\n')
    print(f"{len(cases)} cases ({sum(c[2] for c in cases)} admitted) from packaging {packaging.__version__} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
