// The rules document's canonical JSON and its fingerprint (docs/contracts.md section 2): the
// prover stamps the fingerprint, the checker verifies it, traces quote it.
import { createHash } from "node:crypto";

/** Canonical JSON: object keys sorted recursively (bytewise), no whitespace. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") {
    if (typeof v === "number" && !Number.isFinite(v)) throw new TypeError(`canonicalJson: non-finite number ${v}`);
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

/** SHA-256 (hex) of the canonical JSON of a rules document without its two hash fields. */
export function rulesFingerprint(doc: unknown): string {
  let body = doc;
  if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
    const { sourceSha256: _s, rulesFingerprint: _r, ...rest } = doc as Record<string, unknown>;
    body = rest;
  }
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}
