import { describe, expect, it } from "vitest";
import { applyTextPatch, dropUnusedLeanBindings, patchGlue, PatchError, TEXT_PATCHES } from "../../src/prover/engine/glue-patches.ts";

/** A miniature of the engine glue holding each anchor the expected number of times. */
function miniGlue(): string {
  const debug = Array.from({ length: 55 }, (_, i) => `function d${i}(){console.log("[DEBUG:${i}] x")}`).join(";");
  const bindings = Array.from({ length: 5 }, (_, i) => `_l_f${i}=Module["_l_f${i}"]=wasmExports["l_f${i}"];`).join("");
  return [
    'var Module=typeof Module!="undefined"?Module:{};',
    "var _main,_l_f0,_l_f1,_l_f2,_l_f3,_l_f4,_l_used;",
    "function preRun(){callRuntimeCallbacks(onPreRuns)}",
    "var __dlsym_js=(handle,symbol,symbolIndex)=>{var lib=L[handle];newSymIndex=Object.keys(lib.exports).indexOf(symbol);return newSymIndex};",
    "var __dlsym_catchup_js=(handle,symbolIndex)=>{var lib=L[handle];var symDict=lib.exports;var symName=Object.keys(symDict)[symbolIndex];return symName};",
    'if(isNode){FS.mount(NODEFS,{root:"/home"},"/home");FS.mount(NODEFS,{root:"/tmp"},"/tmp");FS.chdir(cwd)}',
    debug,
    `function assignWasmExports(wasmExports){${bindings}_l_used=Module["_l_used"]=wasmExports["l_used"];}`,
    "useIt(_l_used);",
  ].join("\n");
}

describe("engine glue patches", () => {
  it("applies every patch and drops only unreferenced _l_ bindings", () => {
    const out = patchGlue(miniGlue(), TEXT_PATCHES, 5);
    expect(out.text).toContain("newSymIndex=__leanSymIndex(lib,symbol);");
    expect(out.text).toContain("__leanSymKeys(lib,symbolIndex)[symbolIndex]");
    expect(out.text).toContain("__leanMountAll(FS,NODEFS);");
    expect(out.text).toContain('ENV["LLVM_PROFILE_FILE"]="/dev/null"');
    expect(out.text).not.toContain('console.log("[DEBUG');
    expect(out.text).not.toMatch(/_l_f\d/);
    expect(out.text).toContain('_l_used=Module["_l_used"]');
    expect(out.text).toContain("var _main,_l_used;");
    expect(out.applied.find((a) => a.name === "drop-unused-bindings")?.count).toBe(5);
  });

  it("the patched helpers behave: symbol index and keys agree with Object.keys", () => {
    const out = patchGlue(miniGlue(), TEXT_PATCHES, 5);
    const helpers = out.text.split("\n")[0]!;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const api = new Function(`${helpers}; return { __leanSymIndex, __leanSymKeys };`)() as {
      __leanSymIndex: (lib: { exports: Record<string, unknown> }, s: string) => number;
      __leanSymKeys: (lib: { exports: Record<string, unknown> }, i: number) => string[];
    };
    const lib = { exports: { a: 1, b: 2, c: 3 } as Record<string, unknown> };
    expect(api.__leanSymIndex(lib, "b")).toBe(1);
    expect(api.__leanSymIndex(lib, "zz")).toBe(-1);
    // a miss must not rebuild the index (the interpreter probes for many absent symbols)
    let listed = 0;
    const counted = { exports: new Proxy({ a: 1, b: 2 } as Record<string, unknown>, { ownKeys: (t) => { listed++; return Reflect.ownKeys(t); } }) };
    for (let i = 0; i < 100; i++) expect(api.__leanSymIndex(counted, `absent${i}`)).toBe(-1);
    expect(api.__leanSymIndex(counted, "b")).toBe(1);
    expect(listed).toBe(1);
    lib.exports.d = 4; // symbols added later (dlopen) are found after a rebuild
    expect(api.__leanSymIndex(lib, "d")).toBe(3);
    expect(api.__leanSymKeys(lib, 3)[3]).toBe("d");
  });

  it("fails when an anchor is missing or appears more often than expected", () => {
    const dlsym = TEXT_PATCHES.find((p) => p.name === "dlsym-map")!;
    expect(() => applyTextPatch("nothing here", dlsym)).toThrow(PatchError);
    expect(() => applyTextPatch(dlsym.find + dlsym.find, dlsym)).toThrow(/expected 1 occurrence\(s\) of its anchor, found 2/);
    const debug = TEXT_PATCHES.find((p) => p.name === "debug-off")!;
    expect(() => applyTextPatch('console.log("[DEBUG x', debug)).toThrow(/expected 55/);
  });

  it("fails when far fewer bindings than expected can be dropped", () => {
    expect(() => dropUnusedLeanBindings(miniGlue(), 150_000)).toThrow(/at least 150000/);
  });
});
