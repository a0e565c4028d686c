// Sequence diagrams of Electric's processes, from a typed list of steps (types.ts).
export type { CellChange, CellScalar, Diagram, DiagramStep, MarkKind, StepMark } from "./types.ts";
export { arrowTarget, lifelinesOf, PROCESS_ORDER } from "./arrows.ts";
export { layoutDiagram, formatChange, stepLabel } from "./layout.ts";
export { diagramSvg, DIAGRAM_CSS } from "./svg.ts";
export { diagramText } from "./text.ts";
export { counterexampleDiagram, crashText, stepsFromEvents, type EventLike } from "./from-events.ts";
export { divergenceDiagram, type DivergenceLike } from "./from-divergence.ts";
