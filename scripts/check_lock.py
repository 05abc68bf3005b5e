"""Prove an environment installed with --no-deps is complete: every requirement is installed at a matching version.

Run with the venv's own interpreter:  VENV/bin/python scripts/check_lock.py [ROOT_REQUIREMENT ...]

`pip check` is not enough: it ignores the extras one package asks of another (justext needs `lxml[html_clean]`, i.e.
lxml-html-clean, and pip check is satisfied by lxml alone). Here every installed distribution's requirements are
checked, each with the extras its dependents ask for, transitively, plus the root requirements given on the command
line (e.g. `newsdesk[test]`). Exit 1 with one line per missing or mismatched requirement.
"""

from __future__ import annotations

import importlib.metadata as md
import sys

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # a bare venv: pip always carries packaging
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name


def installed() -> dict[str, md.Distribution]:
    return {canonicalize_name(d.metadata["Name"]): d for d in md.distributions()}


def problems(roots: list[str]) -> list[str]:
    dists = installed()
    env = default_environment()
    todo = [(None, Requirement(r), "") for r in roots]
    for name, dist in dists.items():
        todo += [(name, Requirement(r), "") for r in dist.requires or ()]
    seen: set[tuple[str, str]] = set()
    out = []
    while todo:
        who, req, wanted_by_extra = todo.pop()  # wanted_by_extra: the extra of `who` that asks for req
        if req.marker is not None and not req.marker.evaluate({**env, "extra": wanted_by_extra}):
            continue
        key = canonicalize_name(req.name)
        if (str(req), wanted_by_extra) in seen:
            continue
        seen.add((str(req), wanted_by_extra))
        dist = dists.get(key)
        if dist is None:
            out.append(f"{req.name} is required by {who or 'the project'} ({req}) but is not in the lock")
            continue
        if req.specifier and not req.specifier.contains(dist.version, prereleases=True):
            out.append(f"{req.name} {dist.version} is installed but {who or 'the project'} requires {req}")
        for extra in req.extras:
            todo += [(f"{key}[{extra}]", Requirement(r), extra) for r in dist.requires or ()]
    return sorted(set(out))


def main(argv: list[str]) -> int:
    found = problems(argv)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        return 1
    print(f"lock complete: {len(installed())} distributions, every requirement and extra satisfied")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
