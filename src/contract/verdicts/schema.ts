// JSON Schema of the verdict export. Expressions are only checked to be objects here: the
// checker's interpreter compiles them and rejects a malformed one with its path.
import { ACTION_LABELS, VARIANTS } from "../vocabulary.ts";
import { THEOREM_KINDS, VERDICTS_FORMAT } from "./types.ts";

const name = { type: "string", minLength: 1, maxLength: 200 };
const nat = { type: "integer", minimum: 0, maximum: 1_000_000 };

export const verdictsSchema = {
  type: "object",
  required: ["format", "properties", "invariants", "theorems"],
  additionalProperties: false,
  properties: {
    format: { const: VERDICTS_FORMAT },
    sourceSha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
    properties: {
      type: "array", minItems: 1, maxItems: 100,
      items: {
        type: "object", required: ["name", "description"], additionalProperties: false,
        properties: {
          name: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]*$", maxLength: 100 }, description: { type: "string", maxLength: 2000 }, stateProperty: { type: "boolean" },
          goal: { type: "object" },
          unforced: { type: "array", maxItems: 100, items: { enum: [...ACTION_LABELS] } },
        },
        dependentRequired: { goal: ["unforced"], unforced: ["goal"] },
      },
    },
    invariants: {
      type: "object", propertyNames: { enum: [...VARIANTS] },
      additionalProperties: { type: "object", maxProperties: 100, additionalProperties: { type: "object" } },
    },
    theorems: {
      type: "array", maxItems: 10_000,
      items: {
        type: "object",
        required: ["name", "module", "variant", "property", "kind", "bounds", "assumptions", "claim", "schedule", "initial"],
        additionalProperties: false,
        properties: {
          name, module: name,
          variant: { enum: [...VARIANTS, null] },
          property: { anyOf: [name, { type: "null" }] },
          kind: { enum: [...THEOREM_KINDS] },
          bounds: {
            anyOf: [{ type: "null" }, { type: "object", required: ["H", "C", "K", "T"], additionalProperties: false, properties: { H: nat, C: nat, K: nat, T: nat } }],
          },
          assumptions: { type: "array", maxItems: 100, items: { type: "string", maxLength: 2000 } },
          excludes: { type: "array", maxItems: 100, items: { enum: [...ACTION_LABELS] } },
          claim: { type: "string", maxLength: 10_000 },
          schedule: {
            anyOf: [
              { type: "null" },
              {
                type: "array", maxItems: 100_000,
                items: { type: "object", required: ["action", "args"], additionalProperties: false, properties: { action: { enum: [...ACTION_LABELS] }, args: { type: "array", maxItems: 8, items: nat } } },
              },
            ],
          },
          initial: { enum: ["restored", null] },
        },
      },
    },
  },
} as const;
