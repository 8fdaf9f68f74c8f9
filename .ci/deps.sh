#!/usr/bin/env bash
# Installs what the tests need and is missing: Debian packages used by the
# differential tests (PARI/GP, Singular) and Go modules. Idempotent; quiet when
# everything is present. Needs root (or sudo) only when something is missing.
set -euo pipefail
need=()
command -v gp >/dev/null 2>&1 || need+=(pari-gp)
command -v Singular >/dev/null 2>&1 || need+=(singular)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
go mod download
