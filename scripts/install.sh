#!/usr/bin/env bash
# Install the locked dependencies into a virtualenv without resolving anything.
#
#   scripts/install.sh VENV [LOCK]        (default LOCK: requirements.lock; NEWSDESK_INSTALL_PROJECT=0 skips the project)
#
# The lock is complete: every package the project needs, transitively, pinned with == and its hashes. pip is told to
# install exactly those files (--no-deps: it never reads a package's own requirements, so no extra such as
# `lxml[html_clean]>=4.4.2` can pull in whatever the registry serves that day), wheels only (--only-binary :all:: no
# build step that would fetch build tools), hash-checked (--require-hashes). The project itself is installed next,
# editable, with the locked setuptools (--no-build-isolation --no-index: nothing fetched). scripts/check_lock.py then
# proves the set is complete, extras included (pip check ignores extras): a lock missing a dependency fails here
# instead of being completed from the registry.
set -euo pipefail
venv=${1:?usage: scripts/install.sh VENV [LOCK]}
lock=${2:-requirements.lock}
py=${PY:-python3.11}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install --quiet --no-deps --require-hashes --only-binary :all: -r "$lock"
roots=()
if [ "${NEWSDESK_INSTALL_PROJECT:-1}" != 0 ]; then
  "${pip[@]}" install --quiet --no-deps --no-build-isolation --no-index -e "$here"
  roots=("newsdesk[test]")
fi
if ! "$venv/bin/python" "$here/scripts/check_lock.py" "${roots[@]}"; then
  echo "install: the lock $lock is not complete (above); re-create it with 'make lock'" >&2
  exit 1
fi
