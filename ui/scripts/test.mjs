// `npm test`: unit tests for the UI's pure logic with Node's built-in runner (node:test), no test
// framework to install. Node 20 cannot load TypeScript, so each tests/*.test.ts is bundled first
// with esbuild — already here as Vite's own compiler — into a temporary directory, then run.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ui = fileURLToPath(new URL("..", import.meta.url));
const testsDir = join(ui, "tests");
const entries = readdirSync(testsDir)
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => join(testsDir, f));
if (entries.length === 0) {
  console.error("no tests/*.test.ts found");
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), "packdesk-ui-test-"));
let status = 1;
try {
  await build({
    entryPoints: entries,
    outdir: out,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    jsx: "automatic",
    jsxImportSource: "preact",
    logLevel: "warning",
  });
  const files = readdirSync(out).filter((f) => f.endsWith(".mjs")).map((f) => join(out, f));
  status = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit" }).status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
