# Sourced (bash) by the Makefile's recipes, e2e-server.sh and bench.sh: where cargo
# and cargo-leptos put things. CARGO_TARGET_DIR lives outside the clone so that
# builds survive between CI runs on the same machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/portico-target}"
PORTICO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# wasm-opt comes from npm's binaryen (Debian's is too old and breaks the module).
export PATH="$PORTICO_ROOT/end2end/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Sets PORTICO_SITE (the compiled site: pkg/, assets) and PORTICO_BIN (the release
# server) after `cargo leptos build --release`, or says what is missing and fails.
# The site: site-root "target/site" is relative to the project, so ./target/site;
# $CARGO_TARGET_DIR/site is the fallback. The binary: $CARGO_TARGET_DIR/release
# first, ./target/release if the build ran without CARGO_TARGET_DIR.
portico_locate() {
  PORTICO_SITE=""
  PORTICO_BIN=""
  local d
  for d in "$PORTICO_ROOT/target/site" "$CARGO_TARGET_DIR/site"; do
    if [ -d "$d/pkg" ]; then PORTICO_SITE="$d"; break; fi
  done
  for d in "$CARGO_TARGET_DIR/release/portico" "$PORTICO_ROOT/target/release/portico"; do
    if [ -x "$d" ]; then PORTICO_BIN="$d"; break; fi
  done
  if [ -z "$PORTICO_SITE" ]; then
    echo "No compiled site (looked for pkg/ in $PORTICO_ROOT/target/site and $CARGO_TARGET_DIR/site): run 'cargo leptos build --release' (make build) first." >&2
    return 1
  fi
  if [ -z "$PORTICO_BIN" ]; then
    echo "No release server binary (looked in $CARGO_TARGET_DIR/release/portico and $PORTICO_ROOT/target/release/portico): run 'cargo leptos build --release' (make build) first." >&2
    return 1
  fi
}
