// `npm run dev:vars`: writes the missing local values to .dev.vars (run by `npm start` and `npm run dev`).
import { DEV_VARS, ensureDevVars } from "./lib/dev-vars.ts";

ensureDevVars();
console.log(`local secrets and variables: ${DEV_VARS}`);
