#!/usr/bin/env bash
# Installs what the tests need and is missing: Debian packages used by the
# differential tests (PARI/GP, Singular) and Go modules. Idempotent; quiet when
# everything is present. Needs root (or sudo) only when something is missing.
set -euo pipefail
need=()
command -v gp >/dev/null 2>&1 || need+=(pari-gp)
command -v Singular >/dev/null 2>&1 || need+=(singular)
command -v qepcad >/dev/null 2>&1 || need+=(qepcad)
# Jupyter (kernel protocol test with jupyter_client; notebooks run headless
# with nbconvert). Debian's python3 at /usr/bin/python3 is the one used.
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter nbconvert --version >/dev/null 2>&1 ||
  ! /usr/bin/python3 -c 'import nbclient, jupyter_client' >/dev/null 2>&1; then
  need+=(jupyter-core jupyter-client jupyter-nbconvert python3-nbclient)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
go mod download
