// After the suite: the server started by scripts/e2e-server.sh keeps its log in
// $TMPDIR/portico-e2e-data/server.log. An ERROR line or a panic there is our own
// fault (bad input is answered with a 4xx and logged at most as a debug line), so
// it fails the run, with the lines shown. Against an outside server
// (PORTICO_E2E_URL) there is no log to read.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

export default async function checkServerLog() {
  if (process.env.PORTICO_E2E_URL && !process.env.PORTICO_E2E_LOG) return;
  const file = process.env.PORTICO_E2E_LOG ?? join(process.env.TMPDIR ?? tmpdir(), "portico-e2e-data", "server.log");
  if (!existsSync(file)) throw new Error(`server log not found: ${file}`);
  const plain = readFileSync(file, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
  const bad = plain.split("\n").filter((l) => /\bERROR\b|panicked at/.test(l));
  if (bad.length > 0) {
    throw new Error(`the server logged ${bad.length} error(s) during the suite:\n${bad.join("\n")}`);
  }
}
