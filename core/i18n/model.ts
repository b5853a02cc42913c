/** @module The languages the product speaks: Kazakh and Russian. */
export type Language = 'kk' | 'ru';
