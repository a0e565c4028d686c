// Lean's messages, from either engine, as one shape: file:line:col, severity, kind, text.
// The bundled engine prints JSON lines (`--json`); native `lake build` prints text lines like
// `error: ./Foo.lean:3:8: unsolved goals`. Both parsers are pure and tested on recorded output.

export type Severity = "error" | "warning" | "information";

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Lean's message kind, e.g. `hasSorry`; empty when the engine does not say. */
  kind: string;
  message: string;
}

interface LeanJsonMessage {
  fileName?: unknown;
  pos?: { line?: unknown; column?: unknown };
  severity?: unknown;
  kind?: unknown;
  data?: unknown;
}

function isSeverity(s: unknown): s is Severity {
  return s === "error" || s === "warning" || s === "information";
}

/** Parses `lean --json` stdout. Lines that are not JSON messages are returned as `other`. */
export function parseJsonMessages(stdout: string): { diagnostics: Diagnostic[]; other: string[] } {
  const diagnostics: Diagnostic[] = [];
  const other: string[] = [];
  for (const line of stdout.split("\n")) {
    if (line.trim() === "") continue;
    let msg: LeanJsonMessage;
    try {
      msg = JSON.parse(line) as LeanJsonMessage;
    } catch {
      other.push(line);
      continue;
    }
    if (msg === null || typeof msg !== "object" || !isSeverity(msg.severity) || typeof msg.data !== "string") {
      other.push(line);
      continue;
    }
    diagnostics.push({
      file: typeof msg.fileName === "string" ? msg.fileName : "",
      line: typeof msg.pos?.line === "number" ? msg.pos.line : 0,
      column: typeof msg.pos?.column === "number" ? msg.pos.column : 0,
      severity: msg.severity,
      kind: typeof msg.kind === "string" && msg.kind !== "[anonymous]" ? msg.kind : "",
      message: msg.data.trimEnd(),
    });
  }
  return { diagnostics, other };
}

// `error: Foo.lean:3:8: msg`, `Foo.lean:3:8: error: msg`, `warning: ./Foo.lean:1:0: msg`
const TEXT_PREFIXED = /^(error|warning|info|information): (?:\.\/)?(.+?\.lean):(\d+):(\d+): ?(.*)$/;
const TEXT_INFIX = /^(?:\.\/)?(.+?\.lean):(\d+):(\d+): (error|warning|info|information): ?(.*)$/;

/** Parses Lean's text output (native `lake build` / `lean`). Continuation lines join the message. */
export function parseTextMessages(output: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let current: Diagnostic | undefined;
  for (const raw of output.split("\n")) {
    const line = raw.replace(/\r$/, "");
    let m = TEXT_PREFIXED.exec(line);
    let parsed: Diagnostic | undefined;
    if (m) {
      parsed = { severity: normSeverity(m[1]!), file: m[2]!, line: Number(m[3]), column: Number(m[4]), kind: "", message: m[5]! };
    } else if ((m = TEXT_INFIX.exec(line))) {
      parsed = { file: m[1]!, line: Number(m[2]), column: Number(m[3]), severity: normSeverity(m[4]!), kind: "", message: m[5]! };
    }
    if (parsed) {
      if (/declaration uses ['`]sorry['`]/.test(parsed.message)) parsed.kind = "hasSorry";
      out.push(parsed);
      current = parsed;
    } else if (current && line.trim() !== "" && !/^[✔✖⚠ℹ]|^\s*Build completed|^\s*\[\d+\/\d+\]|^Some required targets/.test(line)) {
      current.message += "\n" + line;
    } else if (line.trim() === "") {
      current = undefined;
    }
  }
  return out;
}

function normSeverity(s: string): Severity {
  return s === "error" ? "error" : s === "warning" ? "warning" : "information";
}

/** The fork's own debug chatter on stderr; everything else on stderr is kept. */
export function filterEngineStderr(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((l) => l.trim() !== "")
    .filter((l) => !l.startsWith("[DEBUG") && !/^\s+- \//.test(l) && !/^\s+mainModule\? =/.test(l));
}

export function formatDiagnostic(d: Diagnostic): string {
  const kind = d.kind ? ` [${d.kind}]` : "";
  return `${d.file}:${d.line}:${d.column}: ${d.severity}${kind}: ${d.message}`;
}

export function isSorry(d: Diagnostic): boolean {
  return d.kind === "hasSorry" || /declaration uses ['`]sorry['`]/.test(d.message);
}
