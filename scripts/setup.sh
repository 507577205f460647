#!/usr/bin/env bash
# Vae set-up for a fresh Debian 12 (bookworm) machine. Idempotent: running it twice changes nothing.
#   - adds Debian's non-free component (deb822 source) when no apt source provides it;
#   - installs libmkl-rt (Intel MKL 2020.4, libmkl_rt.so) non-interactively when missing;
#   - installs dataset-fashion-mnist (Fashion-MNIST, 60 000 + 10 000 images, /usr/share/datasets/fashion-mnist/);
#   - installs Debian's chromium for the end-to-end report test (skip with --no-browser or VAE_SETUP_BROWSER=0).
# Runs apt as root, or through sudo when not root. Prints each thing it did or found already done.
set -euo pipefail

want_browser="${VAE_SETUP_BROWSER:-1}"
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --no-browser) want_browser=0 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

SCRIPT_NAME=setup.sh
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"

# 1. Debian non-free component.
if apt_lists_non_free /etc/apt/sources.list /etc/apt/sources.list.d/; then
  say "apt already lists a non-free component"
else
  need_root "adding the non-free component"
  . /etc/os-release
  codename="${VERSION_CODENAME:-bookworm}"
  $SUDO tee /etc/apt/sources.list.d/vae-non-free.sources >/dev/null <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: ${codename} ${codename}-updates
Components: non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  say "added /etc/apt/sources.list.d/vae-non-free.sources (Components: non-free, ${codename})"
fi

# 2. Intel MKL runtime.
if have_pkg libmkl-rt; then
  say "libmkl-rt already installed ($(dpkg-query -W -f='${Version}' libmkl-rt))"
else
  need_root "installing libmkl-rt"
  apt_update
  # MKL's postinst asks whether to make MKL the default BLAS/LAPACK alternative; answer "no" up front.
  echo "libmkl-rt libmkl-rt/use-as-default-blas-lapack boolean false" | $SUDO debconf-set-selections \
    || { echo "setup.sh: debconf-set-selections failed; not installing libmkl-rt, which would otherwise become the system BLAS/LAPACK" >&2; exit 1; }
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libmkl-rt >/dev/null
  say "installed libmkl-rt $(dpkg-query -W -f='${Version}' libmkl-rt)"
fi
mkl_path="$(library_path libmkl_rt.so)"
if [ -n "$mkl_path" ]; then say "libmkl_rt.so at $mkl_path"; else echo "setup.sh: libmkl_rt.so not found after install" >&2; exit 1; fi

# GNU OpenMP runtime, used by MKL's GNU threading layer (see docs/numerics.md).
if have_pkg libgomp1; then
  say "libgomp1 already installed"
else
  need_root "installing libgomp1"
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libgomp1 >/dev/null
  say "installed libgomp1"
fi

# C compiler for Vae.Core's Scalar quarantine, a small native library built with the solution (docs/reliability.md).
if command -v gcc >/dev/null 2>&1 && have_pkg libc6-dev; then
  say "gcc already installed ($(gcc -dumpfullversion))"
else
  need_root "installing gcc"
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null
  say "installed gcc"
fi

# 3. Fashion-MNIST, the full-scale real data set (Debian main; installs under /usr/share/datasets/fashion-mnist/).
if have_pkg dataset-fashion-mnist; then
  say "dataset-fashion-mnist already installed"
else
  need_root "installing dataset-fashion-mnist"
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dataset-fashion-mnist >/dev/null
  say "installed dataset-fashion-mnist $(dpkg-query -W -f='${Version}' dataset-fashion-mnist)"
fi

# 4. Headless Chromium for the report's browser test (tests/Vae.Tests/Report).
if [ "$want_browser" = "1" ]; then
  if have_pkg chromium; then
    say "chromium already installed"
  else
    need_root "installing chromium"
    apt_update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
    say "installed chromium $(dpkg-query -W -f='${Version}' chromium)"
  fi
fi

say "done"
