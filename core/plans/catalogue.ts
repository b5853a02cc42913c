/**
 * @module The Megaline plan catalogue of seed 000 (table M, "Тарифті жоспарлар Megaline", VAT included) and the
 * home-phone fee of table 2.5.1. These are 2005–2006 figures: demo prices, marked `demoPrice`, until the operator's
 * billing (BILLING_PROVIDER=http) or the console supplies current ones. 1 GB is counted as 1000 MB.
 */
import type { Plan } from '../billing/model.ts';
import { tenge } from '../billing/money.ts';

const CONNECTION_FEE = tenge(7245);
const PAYERS = ['individual', 'entrepreneur'] as const;

export const MEGALINE_PLANS: readonly Plan[] = [
  { id: 'megaline-start', name: 'Megaline Start', downKbps: 128, upKbps: 128, includedMb: 800, connectionFeeTiyn: CONNECTION_FEE, monthlyFeeTiyn: tenge(4000), overagePer10MbTiyn: tenge(150), categories: [...PAYERS], throttle: null, demoPrice: true, sort: 1 },
  { id: 'megaline-plus', name: 'Megaline Plus', downKbps: 256, upKbps: 128, includedMb: 1000, connectionFeeTiyn: CONNECTION_FEE, monthlyFeeTiyn: tenge(6240), overagePer10MbTiyn: tenge(140), categories: [...PAYERS], throttle: null, demoPrice: true, sort: 2 },
  { id: 'megaline-optima', name: 'Megaline Optima', downKbps: 384, upKbps: 128, includedMb: 1200, connectionFeeTiyn: CONNECTION_FEE, monthlyFeeTiyn: tenge(7800), overagePer10MbTiyn: tenge(130), categories: [...PAYERS], throttle: null, demoPrice: true, sort: 3 },
  { id: 'megaline-turbo', name: 'Megaline Turbo', downKbps: 512, upKbps: 256, includedMb: 1500, connectionFeeTiyn: CONNECTION_FEE, monthlyFeeTiyn: tenge(9000), overagePer10MbTiyn: tenge(120), categories: [...PAYERS], throttle: null, demoPrice: true, sort: 4 },
  // Note 2: Hit is for individuals only; above 7 GB a month the port drops to 32/32 kbit/s until the 1st.
  { id: 'megaline-hit', name: 'Megaline Hit', downKbps: 128, upKbps: 128, includedMb: null, connectionFeeTiyn: CONNECTION_FEE, monthlyFeeTiyn: tenge(5980), overagePer10MbTiyn: null, categories: ['individual'], throttle: { aboveMb: 7000, downKbps: 32, upKbps: 32 }, demoPrice: true, sort: 5 },
];

/** Monthly fees of services other than Megaline (whose fee is the plan's). Home phone, urban main set, individuals:
 * 382.6087 ₸ + 15 % VAT = 440 ₸ (seed 000, table 2.5.1; demo). */
export const SERVICE_MONTHLY_FEES: Readonly<Record<string, number>> = { phone: tenge(440) };

/** A plan from a list by id. */
export const findPlan = (plans: readonly Plan[], id: string | null): Plan | null => plans.find((p) => p.id === id) ?? null;
