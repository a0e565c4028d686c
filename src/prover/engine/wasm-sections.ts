// A minimal WebAssembly binary reader/writer: just enough to list imports and exports and to
// rewrite the export section. V8 refuses modules with more than 100,000 exports, and the
// bundled Lean engine has about 201,000, so we drop the ones Lean never looks up by name.

export class WasmFormatError extends Error {
  override name = "WasmFormatError";
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
export const SECTION_IMPORT = 2;
export const SECTION_EXPORT = 7;
export const EXPORT_KIND_FUNC = 0;

export interface Section {
  id: number;
  /** Offset of the section's id byte. */
  headerStart: number;
  /** Offset of the section's payload (after id and size) in the module. */
  start: number;
  end: number;
}

export interface WasmImport {
  module: string;
  field: string;
  kind: number;
}

export interface WasmExport {
  name: string;
  kind: number;
  index: number;
}

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    private readonly limit: number,
  ) {}

  byte(): number {
    if (this.pos >= this.limit) throw new WasmFormatError(`unexpected end of data at byte ${this.pos}`);
    return this.bytes[this.pos++]!;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw new WasmFormatError(`LEB128 too long at byte ${this.pos}`);
    }
    return result;
  }

  /** Skips an unsigned LEB128 of any width (memory64 limits are u64). */
  skipLeb(): void {
    while ((this.byte() & 0x80) !== 0) {
      /* continuation bytes */
    }
  }

  name(): string {
    const len = this.u32();
    if (this.pos + len > this.limit) throw new WasmFormatError(`name runs past its section at byte ${this.pos}`);
    const s = new TextDecoder("utf-8", { fatal: true }).decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }

  limits(): void {
    const flags = this.byte();
    this.skipLeb();
    if (flags & 0x01) this.skipLeb();
  }
}

export function encodeU32(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new WasmFormatError(`cannot encode ${value} as u32`);
  const out: number[] = [];
  let v = value;
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

function encodeName(name: string): number[] {
  const bytes = new TextEncoder().encode(name);
  return [...encodeU32(bytes.length), ...bytes];
}

export function readSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new WasmFormatError("not a WebAssembly module (bad magic)");
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) throw new WasmFormatError("unsupported WebAssembly version");
  const sections: Section[] = [];
  const r = new Reader(bytes, 8, bytes.length);
  while (r.pos < bytes.length) {
    const headerStart = r.pos;
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (end > bytes.length) throw new WasmFormatError(`section ${id} at byte ${start} runs past the end of the module`);
    sections.push({ id, headerStart, start, end });
    r.pos = end;
  }
  return sections;
}

export function readImports(bytes: Uint8Array, section: Section): WasmImport[] {
  const r = new Reader(bytes, section.start, section.end);
  const count = r.u32();
  const imports: WasmImport[] = [];
  for (let i = 0; i < count; i++) {
    const module = r.name();
    const field = r.name();
    const kind = r.byte();
    switch (kind) {
      case 0: r.u32(); break; // function: type index
      case 1: r.byte(); r.limits(); break; // table: reftype, limits
      case 2: r.limits(); break; // memory
      case 3: r.byte(); r.byte(); break; // global: valtype, mutability
      case 4: r.byte(); r.u32(); break; // tag: attribute, type index
      default: throw new WasmFormatError(`unknown import kind ${kind} at byte ${r.pos}`);
    }
    imports.push({ module, field, kind });
  }
  return imports;
}

export function readExports(bytes: Uint8Array, section: Section): WasmExport[] {
  const r = new Reader(bytes, section.start, section.end);
  const count = r.u32();
  const exports: WasmExport[] = [];
  for (let i = 0; i < count; i++) {
    const name = r.name();
    const kind = r.byte();
    const index = r.u32();
    exports.push({ name, kind, index });
  }
  if (r.pos !== section.end) throw new WasmFormatError(`export section has ${section.end - r.pos} trailing bytes`);
  return exports;
}

export function encodeExportSection(exports: readonly WasmExport[]): Uint8Array<ArrayBuffer> {
  const body: number[] = [...encodeU32(exports.length)];
  for (const e of exports) body.push(...encodeName(e.name), e.kind, ...encodeU32(e.index));
  return Uint8Array.from([SECTION_EXPORT, ...encodeU32(body.length), ...body]);
}

/** Returns a copy of the module with its export section replaced by `keep`. */
export function replaceExports(bytes: Uint8Array, keep: readonly WasmExport[]): Uint8Array<ArrayBuffer> {
  const sections = readSections(bytes);
  const exportSection = sections.find((s) => s.id === SECTION_EXPORT);
  if (exportSection === undefined) throw new WasmFormatError("module has no export section");
  const { headerStart } = exportSection;
  const encoded = encodeExportSection(keep);
  const out = new Uint8Array(headerStart + encoded.length + (bytes.length - exportSection.end));
  out.set(bytes.subarray(0, headerStart), 0);
  out.set(encoded, headerStart);
  out.set(bytes.subarray(exportSection.end), headerStart + encoded.length);
  return out;
}
