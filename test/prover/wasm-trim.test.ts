import { describe, expect, it } from "vitest";
import { keepExport, trimExports } from "../../src/prover/engine/export-trim.ts";
import { encodeU32, readExports, readSections, SECTION_EXPORT, WasmFormatError } from "../../src/prover/engine/wasm-sections.ts";

const name = (s: string): number[] => [...encodeU32(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id: number, body: number[]): number[] => [id, ...encodeU32(body.length), ...body];

/** A small valid module: one imported function, a GOT import, N defined functions, a memory. */
function syntheticModule(exports: { name: string; kind: number; index: number }[], defined: number): Uint8Array<ArrayBuffer> {
  const type = section(1, [0x01, 0x60, 0x00, 0x00]);
  const imports = section(2, [
    0x02,
    ...name("env"), ...name("f"), 0x00, 0x00,
    ...name("GOT.func"), ...name("l_got___redArg"), 0x03, 0x7f, 0x01,
  ]);
  const funcs = section(3, [...encodeU32(defined), ...Array<number>(defined).fill(0)]);
  const memory = section(5, [0x01, 0x00, 0x01]);
  const exportBody = [...encodeU32(exports.length)];
  for (const e of exports) exportBody.push(...name(e.name), e.kind, ...encodeU32(e.index));
  const code = section(10, [...encodeU32(defined), ...Array.from({ length: defined }, () => [0x02, 0x00, 0x0b]).flat()]);
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...imports, ...funcs, ...memory, ...section(SECTION_EXPORT, exportBody), ...code]);
}

const EXPORTS = [
  { name: "main", kind: 0, index: 1 },
  { name: "l_keep", kind: 0, index: 2 },
  { name: "l_drop___redArg", kind: 0, index: 3 },
  { name: "l_got___redArg", kind: 0, index: 4 },
  { name: "l_y___lam__0", kind: 0, index: 5 },
  { name: "memory", kind: 2, index: 0 },
  { name: "l_z___closed__1", kind: 0, index: 1 },
  { name: "l_a___spec__2", kind: 0, index: 2 },
  { name: "l_b___at__c", kind: 0, index: 2 },
  { name: "l_c_elambda_1", kind: 0, index: 2 },
];

describe("wasm export trimming", () => {
  it("the synthetic module is valid to begin with", () => {
    const mod = syntheticModule(EXPORTS, 5);
    expect(WebAssembly.validate(mod)).toBe(true);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(mod)).map((e) => e.name)).toEqual(EXPORTS.map((e) => e.name));
  });

  it("keeps exactly non-functions, non-l_ functions, GOT-imported names and non-auxiliary l_ names", () => {
    const out = trimExports(syntheticModule(EXPORTS, 5));
    expect(out.before).toBe(10);
    expect(out.after).toBe(4);
    expect(WebAssembly.validate(out.bytes)).toBe(true);
    const kept = WebAssembly.Module.exports(new WebAssembly.Module(out.bytes));
    expect(kept.map((e) => e.name)).toEqual(["main", "l_keep", "l_got___redArg", "memory"]);
    expect(kept.find((e) => e.name === "memory")?.kind).toBe("memory");
  });

  it("copies every other section byte for byte", () => {
    const mod = syntheticModule(EXPORTS, 5);
    const out = trimExports(mod).bytes;
    const strip = (b: Uint8Array): number[] =>
      readSections(b).filter((s) => s.id !== SECTION_EXPORT).flatMap((s) => [...b.subarray(s.headerStart, s.end)]);
    expect(strip(out)).toEqual(strip(mod));
    expect(readExports(out, readSections(out).find((s) => s.id === SECTION_EXPORT)!).map((e) => e.index)).toEqual([1, 2, 4, 0]);
  });

  it("handles export sections whose size needs a multi-byte LEB128", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ name: `l_keep_${i}`, kind: 0, index: 1 + (i % 5) }));
    const out = trimExports(syntheticModule([...many, ...EXPORTS], 5));
    expect(out.after).toBe(304);
    expect(WebAssembly.validate(out.bytes)).toBe(true);
  });

  it("refuses when the kept exports would still exceed the limit", () => {
    expect(() => trimExports(syntheticModule(EXPORTS, 5), 4)).toThrow(/still not below V8's limit of 4/);
  });

  it("rejects what is not a wasm module, and truncated modules", () => {
    expect(() => trimExports(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(WasmFormatError);
    const mod = syntheticModule(EXPORTS, 5);
    expect(() => trimExports(mod.subarray(0, mod.length - 3))).toThrow(/runs past the end/);
  });

  it("keep rule: GOT imports win over the auxiliary pattern", () => {
    expect(keepExport({ name: "l_x___redArg", kind: 0, index: 0 }, new Set(["l_x___redArg"]))).toBe(true);
    expect(keepExport({ name: "l_x___redArg", kind: 0, index: 0 }, new Set())).toBe(false);
    expect(keepExport({ name: "l_x___redArg", kind: 3, index: 0 }, new Set())).toBe(true);
  });
});
