/**
 * @module Verification and signing by one-time SMS code: the single factory the composition root calls, and the
 * public types the bot uses.
 */
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { SmsSender } from '../sms/port.ts';
import { signingUseCases } from '../applications/signing.ts';
import { limitsFromConfig } from './limits.ts';
import { loadOrCreateSecretKey } from './secret-key.ts';
import type { Verification } from './types.ts';
import { LINK_EXPIRY_JOB, verificationUseCases } from './verification.ts';
import type { VerificationRepositories } from './repository.ts';

export type { ChatLink, CodeSent, Linked, PendingCode, Result, SignatureQuote, Verification, VerificationReason } from './types.ts';
export { normalizeKzMobile, maskPhone } from './phone.ts';
export { loadOrCreateSecretKey } from './secret-key.ts';
export { limitsFromConfig, type OtpLimits } from './limits.ts';

export interface VerificationOptions {
  store: VerificationRepositories;
  clock: Clock;
  config: Config;
  logger: Logger;
  sms: SmsSender;
  scheduler: Pick<Scheduler, 'on' | 'schedule' | 'cancel'>;
}

/**
 * Builds verification and signing, and registers the link-expiry job on the scheduler.
 * @example const verification = createVerification({ store, clock, config, logger, sms, scheduler });
 */
export function createVerification(options: VerificationOptions): Verification {
  const { store, clock, config, sms, scheduler } = options;
  const deps = {
    store, clock, sms,
    limits: limitsFromConfig(config),
    key: loadOrCreateSecretKey(config),
    logger: options.logger.child({ module: 'verification' }),
    jobs: scheduler,
  };
  const verify = verificationUseCases(deps);
  const signing = signingUseCases(deps, verify.currentLink);
  scheduler.on(LINK_EXPIRY_JOB, async (job) => {
    // currentLink removes a link whose time has come; a renewed link has moved this job to its new expiry.
    if (typeof job.payload.chatKey === 'string') await verify.currentLink(job.payload.chatKey);
  });
  return { ...verify, ...signing };
}
