// Child process of bench/explore.ts: one exploration, its figures as one JSON line on stdout.
import { join } from "node:path";
import { runChild, type ChildSpec } from "./explore-runs.ts";

try {
  const spec = JSON.parse(process.argv[2] ?? "") as ChildSpec;
  console.log(JSON.stringify(runChild(spec, join(import.meta.dirname, "..", "..", "lean", "rules"))));
} catch (e) {
  console.error(`explore-child: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
