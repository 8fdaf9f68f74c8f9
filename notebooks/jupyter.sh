#!/usr/bin/env bash
# Opens the research notebooks in Jupyter on the relucad kernel.
#
#   bash notebooks/jupyter.sh        # (make run does this on an interactive terminal)
#
# Installs Debian's Jupyter Notebook when it is missing (root or sudo),
# builds bin/relucad, installs its kernelspec into a private Jupyter data
# directory inside the repository (.jupyter/, git-ignored: nothing outside
# the repository is written), and starts Jupyter on notebooks/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter notebook --version >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	echo "installing Debian's jupyter-notebook"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends jupyter-notebook jupyter-nbconvert >/dev/null
fi
go build -o bin/relucad ./cmd/relucad
state="$root/.jupyter"
bin/relucad kernel install --prefix "$state/prefix" >/dev/null
export JUPYTER_PATH="$state/prefix/share/jupyter"
export JUPYTER_CONFIG_DIR="$state/config"
export JUPYTER_DATA_DIR="$state/data"
export JUPYTER_RUNTIME_DIR="$state/runtime"
mkdir -p "$JUPYTER_CONFIG_DIR" "$JUPYTER_DATA_DIR" "$JUPYTER_RUNTIME_DIR"
echo "Starting Jupyter on notebooks/ with the relucad kernel (Ctrl-C to stop)."
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)
exec jupyter notebook --notebook-dir="$root/notebooks" "${extra[@]}"
