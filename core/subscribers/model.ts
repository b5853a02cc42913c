/** @module The person the operator serves (Chatwoot's Contact). */
import type { Language } from '../i18n/model.ts';

export type CustomerCategory = 'individual' | 'entrepreneur';

/** The person (Chatwoot's Contact). */
export interface Subscriber {
  id: string;
  fullName: string;
  /** Operator-verified mobile number in E.164 (+77011234567); one-time codes go only here. */
  phone: string;
  iin: string | null;
  category: CustomerCategory;
  language: Language | null;
  notificationsMuted: boolean;
  createdAt: Date;
}
