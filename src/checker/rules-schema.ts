// JSON Schema (draft-07, ajv) of the rules export, docs/contracts.md section 2. Unknown keys
// are allowed at document/action level so a refinement on the Lean side does not break the
// checker, but Expr/Effect nodes are closed: an unknown node must fail loudly, not be skipped.
const scalar = { type: ["boolean", "integer", "string"] };
const name = { type: "string", minLength: 1 };

export const rulesSchema = {
  $id: "electric-race-rules",
  type: "object",
  required: ["format", "variant", "bounds", "domains", "variables", "init", "actions"],
  properties: {
    format: { const: "electric-race-rules/2" },
    variant: name,
    consumerStart: { enum: ["recheck", "noRecheck"] },
    sourceSha256: { type: "string" },
    rulesFingerprint: { type: "string" },
    bounds: { type: "object", additionalProperties: { type: "integer", minimum: 0 } },
    domains: { type: "object", additionalProperties: name },
    variables: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "index", "type", "default"],
        properties: {
          name,
          index: { type: "array", items: name },
          type: {
            anyOf: [
              { type: "object", required: ["bool"], properties: { bool: { const: true } } },
              {
                type: "object",
                required: ["int"],
                properties: { int: { type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 } },
              },
              {
                type: "object",
                required: ["enum", "enumType"],
                properties: { enum: { type: "array", items: { type: "string" }, minItems: 1 }, enumType: name },
              },
            ],
          },
          default: scalar,
        },
      },
    },
    init: { type: "array", items: { $ref: "#/definitions/namedExpr" } },
    actions: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "process", "processParam", "outcome", "params", "guards", "effects"],
        properties: {
          name,
          process: name,
          processParam: { anyOf: [name, { type: "null" }] },
          outcome: { enum: ["ok", "crash"] },
          params: {
            type: "array",
            items: { type: "object", required: ["name", "domain"], properties: { name, domain: name } },
          },
          guards: { type: "array", items: { $ref: "#/definitions/namedExpr" } },
          effects: { type: "array", items: { $ref: "#/definitions/effect" } },
          theorems: { type: "array", items: { type: "string" } },
        },
      },
    },
    invariants: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "expr"],
        properties: { name, expr: { $ref: "#/definitions/expr" }, theorems: { type: "array", items: { type: "string" } } },
      },
    },
  },
  definitions: {
    namedExpr: {
      type: "object",
      required: ["name", "expr"],
      properties: { name, expr: { $ref: "#/definitions/expr" } },
    },
    exprList: { type: "array", items: { $ref: "#/definitions/expr" } },
    effectList: { type: "array", items: { $ref: "#/definitions/effect" } },
    expr: {
      anyOf: [
        { type: "object", required: ["lit"], additionalProperties: false, properties: { lit: scalar, enum: name } },
        { type: "object", required: ["param"], additionalProperties: false, properties: { param: name } },
        {
          type: "object",
          required: ["cell"],
          additionalProperties: false,
          properties: { cell: name, idx: { $ref: "#/definitions/exprList" } },
        },
        {
          type: "object",
          required: ["op", "args"],
          additionalProperties: false,
          properties: {
            op: { enum: ["not", "and", "or", "eq", "ne", "lt", "le", "add", "sub", "ite"] },
            args: { $ref: "#/definitions/exprList" },
          },
        },
        {
          type: "object",
          required: ["all", "domain", "body"],
          additionalProperties: false,
          properties: { all: name, domain: name, body: { $ref: "#/definitions/expr" } },
        },
        {
          type: "object",
          required: ["any", "domain", "body"],
          additionalProperties: false,
          properties: { any: name, domain: name, body: { $ref: "#/definitions/expr" } },
        },
      ],
    },
    effect: {
      anyOf: [
        {
          type: "object",
          required: ["set", "value"],
          additionalProperties: false,
          properties: { set: name, idx: { $ref: "#/definitions/exprList" }, value: { $ref: "#/definitions/expr" } },
        },
        {
          type: "object",
          required: ["each", "domain", "do"],
          additionalProperties: false,
          properties: { each: name, domain: name, do: { $ref: "#/definitions/effectList" } },
        },
        {
          type: "object",
          required: ["if", "then"],
          additionalProperties: false,
          properties: { if: { $ref: "#/definitions/expr" }, then: { $ref: "#/definitions/effectList" }, else: { $ref: "#/definitions/effectList" } },
        },
      ],
    },
  },
} as const;
