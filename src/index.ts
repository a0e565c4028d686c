// The library API: what another project imports as "electric-race-toolkit". Check traces
// against the rules Lean exported, load and interpret those rules, write and read traces,
// import and export ITF. Results are typed values (`Result`: `{ ok, value } | { ok, error }`;
// `TraceResult` for a checked trace).
export type { Result } from "./contract/result.ts";
// checking
export { checkFile, checkStream } from "./checker/stream.ts";
export { TraceChecker, type CheckOptions, type TraceResult } from "./checker/check.ts";
export type { Divergence, DivergenceKind, CellDiff } from "./checker/divergence.ts";
// rules: load and interpret
export { RulesCache, defaultRulesDir, readRulesFile, parseRules } from "./checker/rules.ts";
export { compileModel, bindEnv, firstFailedGuard, failedGuards, successor, bindings, type Model, type CompiledAction } from "./checker/interp.ts";
export type { RulesDoc, ActionRule, VariableDecl, Scalar, Bounds } from "./contract/rules/types.ts";
// traces: write and read
export { TRACE_FORMAT, type TraceHeader, type TraceEvent, type WrittenHeader, type WrittenEvent } from "./contract/trace/types.ts";
export { parseHeader, parseEvent } from "./contract/trace/parse.ts";
export { serialiseTrace, headerLine, eventLine } from "./contract/trace/writer.ts";
export { readTrace } from "./contract/trace/read.ts";
export { loadTraceSchema, defaultSchemaPath, type LineValidator } from "./contract/trace/schema.ts";
// ITF (Quint's Informal Trace Format)
export { importItf, inferBounds, type ImportedTrace, type ItfError, type ItfImportOptions } from "./itf/import.ts";
export { toItf } from "./itf/export.ts";
export { checkItfFile, checkItfText, type ItfCheckOptions } from "./itf/check.ts";
