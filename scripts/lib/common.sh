# Shared by scripts/setup.sh and scripts/slurm-local.sh (sourced, not run). The caller sets SCRIPT_NAME first.
#   SUDO          empty when root (or when sudo is missing), else "sudo"
#   say MSG       one progress line, prefixed with the script's name
#   need_root WHY exit 1 with a message when neither root nor sudo is available
#   have_pkg PKG  whether dpkg lists PKG as installed
#   apt_update    apt-get update, at most once per run
#   apt_lists_non_free PATH...  whether an apt source file under PATH enables the component "non-free" itself
#   library_path LIB            the path ldconfig's cache gives for LIB (e.g. libmkl_rt.so), or nothing

if [ "$(id -u)" -eq 0 ] || ! command -v sudo >/dev/null 2>&1; then
  SUDO=""
else
  SUDO="sudo"
fi

say() { printf '%s: %s\n' "${SCRIPT_NAME%.sh}" "$*"; }

need_root() {
  if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
    printf '%s: %s needs root and sudo is not available; run this script as root.\n' "$SCRIPT_NAME" "$1" >&2
    exit 1
  fi
}

have_pkg() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == *"install ok installed"* ]]; }

apt_updated=0
apt_update() {
  if [ "$apt_updated" -eq 0 ]; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
}

# One-line ("deb URI SUITE main non-free") and deb822 ("Components: main non-free") sources; "non-free-firmware", which
# Debian 12's installer writes, is a different component and does not count.
apt_lists_non_free() { grep -rqsE '^[^#]*[[:space:]:]non-free([[:space:]]|$)' "$@"; }

# ldconfig lives in /sbin, which is not on a normal user's PATH on Debian.
library_path() {
  PATH="$PATH:/usr/sbin:/sbin" ldconfig -p | awk -v lib="$1" '$1 == lib && p == "" {p = $NF} END {print p}'
}
