/** @module Signed written applications (plan change, refusal, instalment): signing with a fresh one-time code. */
export { signingUseCases } from './signing.ts';
