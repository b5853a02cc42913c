/** @module The web console: `createConsole(deps)` builds the hono app served under `/admin`. */
export { createConsole } from './app.tsx';
export type { ConsoleDeps } from './context.ts';
