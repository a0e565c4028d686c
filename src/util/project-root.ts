// The toolkit's root folder (holding package.json, lean/, node_modules/), wherever the command
// is run from: two levels above this file.
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
