/**
 * @module MongoDB repository for signed applications (mirrors the applications part of sqlite/verification.ts); the
 * unique challenge id on applications makes one code sign one application.
 */
import { Schema, type Connection } from 'mongoose';
import type { Application } from '../../applications/model.ts';
import type { ApplicationRepository } from '../../applications/repository.ts';
import { columns, modelFor, schemaOptions, type CollectionSpec } from './collection.ts';
import { jsonValue } from './connection.ts';
import { nextSequence } from './counters.ts';

export type ApplicationDoc = Omit<Application, 'id'> & { _id: string; seq: number; doneAt?: Date | null };

export const applicationSchema = new Schema<ApplicationDoc>({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  subscriberId: { type: String, required: true },
  phone: { type: String, required: true },
  channel: { type: String, required: true, enum: ['telegram', 'whatsapp', 'webchat'] },
  chatKey: { type: String, required: true },
  kind: { type: String, required: true, enum: ['plan_change', 'refusal', 'instalment'] },
  quote: { type: String, required: true },
  payload: { type: Schema.Types.Mixed, required: true },
  challengeId: { type: String, required: true },
  signedAt: { type: Date, required: true },
  /** When it was carried out (ordered, or refused by billing, and told); null while a crash may have cut it short. */
  doneAt: { type: Date, default: null },
}, schemaOptions);
// One code signs one application.
applicationSchema.index({ challengeId: 1 }, { unique: true });
applicationSchema.index({ subscriberId: 1, signedAt: -1, seq: -1 });
applicationSchema.index({ doneAt: 1, signedAt: 1, seq: 1 });

export const applicationsSpec: CollectionSpec = {
  model: 'Application', collection: 'applications', table: 'applications', schema: applicationSchema,
  columns: columns({
    id: 'key', subscriber_id: 'plain', phone: 'plain', channel: 'plain', chat_key: 'plain', kind: 'plain', quote: 'plain',
    payload: 'json', challenge_id: 'plain', signed_at: 'date', done_at: 'date',
  }),
  rowOrder: 'applications',
};

const toApplication = ({ _id, seq: _s, ...d }: ApplicationDoc): Application => ({
  id: _id,
  subscriberId: d.subscriberId,
  phone: d.phone,
  channel: d.channel,
  chatKey: d.chatKey,
  kind: d.kind,
  quote: d.quote,
  payload: d.payload,
  challengeId: d.challengeId,
  signedAt: d.signedAt,
});

/** Signed applications over `applications`; one code signs one application (unique index). */
export function mongoApplications(conn: Connection): ApplicationRepository {
  const M = modelFor<ApplicationDoc>(conn, applicationsSpec);
  return {
    async add(a) {
      const { id, ...rest } = a;
      const seq = await nextSequence(conn, 'applications');
      await M.create({ _id: id, seq, ...rest, payload: jsonValue(a.payload) });
    },
    async get(id) {
      const d = await M.findById(id).lean<ApplicationDoc>();
      return d ? toApplication(d) : null;
    },
    async listBySubscriber(subscriberId) {
      return (await M.find({ subscriberId }).sort({ signedAt: -1, seq: -1 }).lean<ApplicationDoc[]>()).map(toApplication);
    },
    async markDone(id, at) {
      return (await M.updateOne({ _id: id, doneAt: null }, { $set: { doneAt: at } })).matchedCount === 1;
    },
    async listUndone(kinds, signedBefore, limit) {
      // `$exists`: applications stored before the field existed were carried out when they were signed.
      const docs = await M.find({ doneAt: { $exists: true, $eq: null }, kind: { $in: [...kinds] }, signedAt: { $lte: signedBefore } })
        .sort({ signedAt: 1, seq: 1 }).limit(limit).lean<ApplicationDoc[]>();
      return docs.map(toApplication);
    },
  };
}
