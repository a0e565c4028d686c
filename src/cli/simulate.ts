// `simulate <scenario.yaml> --variant V --seed N --out trace.ndjson`: run one schedule of a
// scenario on the deterministic scheduler and write its trace.
import { VARIANTS, isVariant } from "../contract/vocabulary.ts";
import { loadScenarioArg } from "./scenario-arg.ts";
import { simulateTrace } from "../sched/simulate.ts";
import { writeFileAtomic } from "../util/fs-atomic.ts";
import { parseArgs, parseIntArg } from "./args.ts";
import { exitHelp } from "./exit-codes.ts";

const HELP = `usage: npm run simulate -- <scenario.yaml> [--variant V] [--seed N] [--out trace.ndjson]
                            [--policy random|scripted] [--max-steps N]

Runs one schedule of the scenario on the deterministic scheduler and writes an NDJSON trace
(docs/contracts.md §3). The same scenario, variant and seed always give the same bytes.

  --variant V     ${VARIANTS.join(" | ")} (default: the scenario's variant, else PreFix)
  --seed N        PRNG seed (default 1)
  --policy P      random: every step is a seeded choice among all enabled actions;
                  scripted: follow the scenario's schedule (process order) first, then random
                  (default: scripted when the scenario has a schedule, else random)
  --max-steps N   stop after N steps (default: the scenario's maxSteps)
  --out FILE      write the trace here (atomically, folders created); default: standard output

${exitHelp("simulate: 0 trace written (a crash in the trace is not a failure); 2 usage error,\n  unreadable or invalid scenario, unwritable --out (simulate never exits 1)")}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { values: ["variant", "seed", "out", "policy", "max-steps"], flags: ["help"] });
  if (!parsed.ok) return usageError(parsed.error);
  const { args } = parsed;
  if (args.flags.has("help")) {
    console.log(HELP);
    return 0;
  }
  if (args.positional.length !== 1) return usageError("expected exactly one scenario file");
  const seed = parseIntArg(args.values.get("seed"), "seed", 0, Number.MAX_SAFE_INTEGER);
  if (!seed.ok) return usageError(seed.error);
  const maxSteps = parseIntArg(args.values.get("max-steps"), "max-steps", 1, 1_000_000);
  if (!maxSteps.ok) return usageError(maxSteps.error);
  const vArg = args.values.get("variant");
  if (vArg !== undefined && !isVariant(vArg)) return usageError(`--variant must be one of ${VARIANTS.join(", ")}, got '${vArg}'`);
  const policy = args.values.get("policy");
  if (policy !== undefined && policy !== "random" && policy !== "scripted") return usageError(`--policy must be random or scripted, got '${policy}'`);

  const file = args.positional[0] ?? "";
  const loaded = loadScenarioArg(file, vArg);
  if (loaded === undefined) return 2;
  const { scenario, variant } = loaded;
  if (policy === "scripted" && scenario.schedule === undefined) return usageError(`--policy scripted: ${file} has no schedule`);
  const out = simulateTrace(scenario, loaded.init, {
    seed: seed.value ?? 1,
    policy: policy ?? (scenario.schedule !== undefined ? "scripted" : "random"),
    maxSteps: maxSteps.value ?? scenario.maxSteps,
  });
  const outFile = args.values.get("out");
  if (outFile === undefined) process.stdout.write(out.text);
  else {
    try {
      await writeFileAtomic(outFile, out.text);
    } catch (err) {
      console.error(`cannot write ${outFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return 2;
    }
    const crashes = out.result.events.filter((e) => e.outcome === "crash").length;
    console.error(`${outFile}: ${out.result.events.length} events, ${crashes} crash(es), ended ${out.result.end} (${variant}, seed ${seed.value ?? 1})`);
  }
  return 0;
}

function usageError(msg: string): number {
  console.error(`simulate: ${msg}\n(run with --help for usage)`);
  return 2;
}
