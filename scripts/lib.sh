# Sourced (bash) by setup.sh and bench.sh: messages and installing Debian packages.
# Set SAY_TAG (e.g. "setup") before sourcing.

if [ -t 1 ]; then say() { printf '\033[1;34m[%s]\033[0m %s\n' "${SAY_TAG:-portico}" "$*"; }
else say() { printf '[%s] %s\n' "${SAY_TAG:-portico}" "$*"; }; fi

# Prints its lines in a frame on standard error, for what stops a run.
loud() {
  {
    echo
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    for line in "$@"; do echo "!!! $line"; done
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo
  } >&2
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else "$@"
  fi
}

apt_updated=0
# apt-get install, with one apt-get update first per run.
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
