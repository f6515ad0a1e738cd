// Removes every "resolved" URL from package-lock.json so the lock names no registry host;
// `npm ci` then fetches each package by name + version (+ integrity) from the configured registry.
// Usage: node scripts/strip-lock.mjs          rewrite the lock in place
//        node scripts/strip-lock.mjs --check  exit 1 if any "resolved" URL is present
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const lockPath = fileURLToPath(new URL("../package-lock.json", import.meta.url));
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const check = process.argv.includes("--check");

let found = 0;
for (const entry of Object.values(lock.packages ?? {})) {
  if (entry && typeof entry === "object" && "resolved" in entry) {
    found += 1;
    delete entry.resolved;
  }
}

if (check) {
  if (found > 0) {
    console.error(`package-lock.json has ${found} "resolved" URL(s): run node scripts/strip-lock.mjs`);
    process.exit(1);
  }
  console.log("package-lock.json names no registry host");
} else {
  writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
  console.log(`stripped ${found} "resolved" URL(s) from package-lock.json`);
}
