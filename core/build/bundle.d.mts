/** @module Types of bundle.mjs (plain JavaScript: it runs before anything is compiled). */
/** The text with every character outside ASCII written as a `\uXXXX` escape (comments, regular expressions). */
export declare function asciiOnly(text: string): string;
/** Builds dist/main.js under `root`; returns how long it took (ms). */
export declare function buildProduct(root: string): Promise<number>;
