/**
 * @module The instalment agreement (seed 001 "Дебиторлық берешекті кезең-кезеңімен өтеу туралы қосымша келісім";
 * contract cl. 12 para 3): requested by the subscriber with a signed application, concluded by an agent or a
 * supervisor with a schedule of parts, then kept or broken. Money in tiyn, dates Almaty `YYYY-MM-DD`.
 */

/** requested → active (concluded) → paid | broken. A request nobody concluded stays requested. */
export type InstalmentStatus = 'requested' | 'active' | 'broken' | 'paid';

export interface InstalmentPart {
  /** Almaty date by which this part is paid (the day itself counts, as cl. 17's "by the 25th"). */
  dueDate: string;
  amountTiyn: number;
}

export interface InstalmentAgreement {
  id: string;
  accountId: string;
  subscriberId: string;
  /** The signed application (one-time code) the request rests on. */
  applicationId: string;
  status: InstalmentStatus;
  requestedAt: Date;
  /** Overdue debt + penalty + collection costs the agreement covers: at the request, then as concluded. */
  debtTiyn: number;
  /** The schedule; empty until concluded. */
  parts: InstalmentPart[];
  concludedAt: Date | null;
  /** Console user who concluded it. */
  concludedBy: string | null;
  /** When it was paid off or broken. */
  endedAt: Date | null;
}
