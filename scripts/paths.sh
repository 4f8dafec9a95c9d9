# Sourced: where cargo puts things. CARGO_TARGET_DIR lives outside the clone so
# that builds survive between CI runs on the same machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/portico-target}"
PORTICO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$PORTICO_ROOT/end2end/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PORTICO_BIN="$CARGO_TARGET_DIR/release/portico"
PORTICO_SITE="$PORTICO_ROOT/target/site"
