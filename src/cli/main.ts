#!/usr/bin/env node
// One executable, one subcommand per part. Each subcommand lives in its own module and is
// loaded lazily so that `check` does not pay for the prover's imports and vice versa.
import { EXIT_CONTRACT } from "./exit-codes.ts";

type Runner = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Runner> }> = {
  prove: { summary: "check the Lean proofs (native lake or the bundled engine), re-export the rules", load: async () => (await import("./prove.ts")).run },
  simulate: { summary: "run a scenario on the deterministic scheduler and write a trace", load: async () => (await import("./simulate.ts")).run },
  explore: { summary: "explore a scenario's schedules and report which properties hold", load: async () => (await import("./explore.ts")).run },
  check: { summary: "check traces against the rules exported from Lean", load: async () => (await import("./check.ts")).run },
  verdicts: { summary: "what Lean's verdict export says; the README's verdict table", load: async () => (await import("./verdicts.ts")).run },
  report: { summary: "write the audit report (theorem, rule, code, trace)", load: async () => (await import("./report.ts")).run },
};

function usage(): string {
  const lines = ["usage: electric-race <command> [options]   (each command takes --help)", "", "commands:"];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push("", EXIT_CONTRACT, "  (an internal error, which is a bug, exits 1)");
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(usage());
    return 2;
  }
  if (name === "--help" || name === "-h") {
    console.log(usage());
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  let runner: Runner;
  try {
    runner = await command.load();
  } catch (err) {
    console.error(`command '${name}' is not available in this build: ${(err as Error).message}`);
    return 2;
  }
  return runner(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    // Last resort: user input errors are handled inside the commands; reaching here is a bug.
    // Exit 1 (the run failed), inside the contract; 2 stays reserved for the caller's mistakes.
    console.error(`internal error (a bug, please report it): ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
