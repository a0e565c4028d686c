// A package-lock.json for a scratch project that depends on the packed tarball only: the
// tarball's entry plus the runtime (non-dev) entries of this project's own lockfile, so that
// `npm ci --offline` installs it from the npm cache this project's `npm ci` filled. This
// project's lockfile names no `resolved` URLs, so npm reads each package's registry metadata to
// find its tarball; both are in the cache after `npm ci` with the same cache and registry.
export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [k: string]: unknown;
}

export interface Lockfile {
  name?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export function scratchLock(root: Lockfile, pkg: { name: string; version: string; integrity: string; tarball: string }): Lockfile {
  const self = root.packages[""];
  if (!self) throw new Error("the project's package-lock.json has no root entry");
  const spec = `file:${pkg.tarball}`;
  const packages: Record<string, LockEntry> = {
    "": { name: "scratch", dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version, resolved: spec, integrity: pkg.integrity,
      ...(self.dependencies ? { dependencies: self.dependencies } : {}),
      ...(self.peerDependencies ? { peerDependencies: self.peerDependencies } : {}),
      ...(self.peerDependenciesMeta ? { peerDependenciesMeta: self.peerDependenciesMeta } : {}),
      ...(self.bin ? { bin: self.bin } : {}),
      ...(self.engines ? { engines: self.engines } : {}),
    },
  };
  for (const [path, e] of Object.entries(root.packages))
    if (path !== "" && !e.dev && !e.devOptional && !e.link) packages[path] = e;
  return { name: "scratch", lockfileVersion: 3, requires: true, packages };
}
