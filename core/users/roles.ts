/** @module The console roles (seed 003 cl. 7–9, 33, 36; PRODUCT.md "Who uses it"). */
import type { Role } from './model.ts';

/** Every role, in the order the console lists them. */
export const ROLES: readonly Role[] = ['agent', 'second_line', 'supervisor', 'marketing', 'observer', 'admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
