// Patches to the engine's Emscripten JavaScript glue (`lean.js`). Each patch names the exact
// text it expects and how many times; preparation fails when a count is off, so a changed
// package can never be half-patched silently. Reasons are in reference/lean-wasm.md.

export class PatchError extends Error {
  override name = "PatchError";
}

export interface TextPatch {
  name: string;
  why: string;
  find: string;
  replace: string;
  /** Exact number of occurrences expected in the pristine file. */
  count: number;
}

// Helpers inserted once after the glue's first statement. They replace linear scans over the
// ~80,000 symbol names with a cached index (the 5-6x speed-up), and mount host folders once.
const HELPERS = [
  "function __leanSymCache(lib,rebuild){var c=lib.__leanSymCache;if(!c||rebuild){var keys=Object.keys(lib.exports);var map=new Map();for(var i=0;i<keys.length;i++)map.set(keys[i],i);c=lib.__leanSymCache={keys:keys,map:map}}return c}",
  // A miss is common (the interpreter probes for native code of many declarations): answer it
  // with an O(1) `in` check, and rebuild only when the symbol exists but was added after the
  // cache was built.
  "function __leanSymIndex(lib,symbol){var c=__leanSymCache(lib,false);var i=c.map.get(symbol);if(i===undefined){if(!(symbol in lib.exports))return -1;c=__leanSymCache(lib,true);i=c.map.get(symbol)}return i===undefined?-1:i}",
  "function __leanSymKeys(lib,index){var c=__leanSymCache(lib,false);if(index>=c.keys.length)c=__leanSymCache(lib,true);return c.keys}",
  "function __leanMountAll(FS,NODEFS){var dirs=[\"/home\",\"/tmp\"];var extra=process.env[\"LEAN_WASM_MOUNTS\"];if(extra){extra.split(\":\").forEach(function(d){if(d&&d.charAt(0)===\"/\")dirs.push(d.replace(/\\/+$/,\"\"))})}var done=[];dirs.forEach(function(d){if(done.some(function(m){return d===m||d.startsWith(m+\"/\")}))return;done.push(d);try{FS.mkdirTree(d)}catch(e){}try{FS.mount(NODEFS,{root:d},d)}catch(e){if(!(e&&e.errno===10))throw e}})}",
].join(";");

export const TEXT_PATCHES: readonly TextPatch[] = [
  {
    name: "helpers",
    why: "define the cached symbol index and the mount helper used by the patches below",
    find: 'var Module=typeof Module!="undefined"?Module:{};',
    replace: 'var Module=typeof Module!="undefined"?Module:{};' + HELPERS + ";",
    count: 1,
  },
  {
    name: "dlsym-map",
    why: "dlsym searched Object.keys(exports) linearly on every lookup: 34 s of a 54 s run",
    find: "newSymIndex=Object.keys(lib.exports).indexOf(symbol);",
    replace: "newSymIndex=__leanSymIndex(lib,symbol);",
    count: 1,
  },
  {
    name: "dlsym-catchup-map",
    why: "the catch-up path rebuilt Object.keys(exports) on every call",
    find: "var symName=Object.keys(symDict)[symbolIndex];",
    replace: "var symName=__leanSymKeys(lib,symbolIndex)[symbolIndex];",
    count: 1,
  },
  {
    name: "host-mounts",
    why: "the engine sees the host only through NODEFS mounts: add LEAN_WASM_MOUNTS, mount each once",
    find: 'FS.mount(NODEFS,{root:"/home"},"/home");FS.mount(NODEFS,{root:"/tmp"},"/tmp");',
    replace: "__leanMountAll(FS,NODEFS);",
    count: 1,
  },
  {
    name: "profile-off",
    why: "the build is coverage-instrumented and would write default.profraw into the project",
    find: "function preRun(){",
    replace: 'function preRun(){ENV["LLVM_PROFILE_FILE"]="/dev/null";',
    count: 1,
  },
  {
    name: "debug-off",
    why: "the fork prints [DEBUG…] lines (and the input file's head) to stdout",
    find: 'console.log("[DEBUG',
    replace: 'void("[DEBUG',
    count: 55,
  },
];

/** `_l_X=Module["_l_X"]=wasmExports["l_X"];`: one JavaScript binding per compiled Lean function. */
const L_BINDING = /_l_[A-Za-z0-9_$]*=Module\["_l_[A-Za-z0-9_$]*"\]=wasmExports\["l_[A-Za-z0-9_$]*"\];/g;
const L_DECLARATION = /,_l_[A-Za-z0-9_$]*(?=[,;])/g;
const L_IDENTIFIER = /(?<![A-Za-z0-9_$])_l_[A-Za-z0-9_$]*/g;

export interface PatchOutcome {
  text: string;
  applied: { name: string; count: number }[];
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Drops the JavaScript bindings of compiled Lean functions that nothing in the glue reads
 * (89 MB of glue down to a few MB; faster start-up, half the memory). A binding is dropped only
 * when its name occurs nowhere else than in its declaration and its own assignment.
 */
export function dropUnusedLeanBindings(text: string, minimum: number): { text: string; dropped: number } {
  const uses = new Map<string, number>();
  for (const m of text.matchAll(L_IDENTIFIER)) uses.set(m[0], (uses.get(m[0]) ?? 0) + 1);
  const dropped = new Set<string>();
  let out = text.replace(L_BINDING, (binding) => {
    const name = binding.slice(0, binding.indexOf("="));
    // declaration + assignment target + Module["…"] key = 3 occurrences
    if (uses.get(name) !== 3) return binding;
    dropped.add(name);
    return "";
  });
  out = out.replace(L_DECLARATION, (decl) => (dropped.has(decl.slice(1)) ? "" : decl));
  if (dropped.size < minimum) {
    throw new PatchError(`expected to drop at least ${minimum} unused _l_* bindings, found ${dropped.size}: the engine glue has changed`);
  }
  return { text: out, dropped: dropped.size };
}

export function applyTextPatch(text: string, patch: TextPatch): string {
  const found = countOccurrences(text, patch.find);
  if (found !== patch.count) {
    throw new PatchError(`patch '${patch.name}' expected ${patch.count} occurrence(s) of its anchor, found ${found}: the engine glue has changed`);
  }
  return text.split(patch.find).join(patch.replace);
}

export function patchGlue(pristine: string, patches: readonly TextPatch[] = TEXT_PATCHES, minimumDropped = 150_000): PatchOutcome {
  let text = pristine;
  const applied: PatchOutcome["applied"] = [];
  for (const p of patches) {
    text = applyTextPatch(text, p);
    applied.push({ name: p.name, count: p.count });
  }
  const slim = dropUnusedLeanBindings(text, minimumDropped);
  applied.push({ name: "drop-unused-bindings", count: slim.dropped });
  return { text: slim.text, applied };
}
