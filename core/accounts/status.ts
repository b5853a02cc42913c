/**
 * @module The ten personal-account statuses of the B2C classification rule (seed 001, section 3, clause 4).
 * Clause 5 forbids any other status; clause 6 says each is marked on the account.
 */
export const ACCOUNT_STATUSES = [
  'new', // 1. Жаңа дербес шот
  'current', // 2. Ағымдағы дербес шот
  'closed', // 3. Жабық дербес шот
  'archive', // 4. Мұрағаттық дербес шот
  'overdue', // 5. МӨДБ дербес шот
  'disconnected', // 6. ДБҮА — disconnected for debt
  'closed_doubtful_debt', // 7. КДБ
  'closed_written_off', // 8. closed with written-off bad debt
  'closed_credit_balance', // 9. closed with credit balance
  'closed_doubtful_credit', // 10. closed with doubtful credit balance
] as const;

export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export function isAccountStatus(value: string): value is AccountStatus {
  return (ACCOUNT_STATUSES as readonly string[]).includes(value);
}

/** Statuses 3 and 7–10: the account is closed (its closing time is stamped the first time it enters one). */
export const CLOSED_STATUSES: readonly AccountStatus[] = [
  'closed', 'closed_doubtful_debt', 'closed_written_off', 'closed_credit_balance', 'closed_doubtful_credit',
];

/** Whether the account is closed (status 3, 7–10). */
export const isClosedStatus = (status: AccountStatus): boolean => CLOSED_STATUSES.includes(status);

/** Whether the account still has services: neither closed nor archived (status 4). */
export const isInService = (status: AccountStatus): boolean => !isClosedStatus(status) && status !== 'archive';
