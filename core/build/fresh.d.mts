/** @module Types of fresh.mjs (plain JavaScript: it runs before anything is compiled). */
export declare const projectRoot: string;
/** dist/main.js */
export declare const compiledMain: string;
export declare function stale(): boolean;
/** Builds dist/main.js if it is stale; the build's milliseconds, or null when nothing had changed. */
export declare function ensureBuilt(): Promise<number | null>;
