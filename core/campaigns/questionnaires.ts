/**
 * @module Questionnaire use cases: create, edit (each edit at the revision it was made on, never on a frozen version),
 * and a new version of a frozen one. Every change is audited.
 */
import type { CampaignDeps, Result } from './deps.ts';
import { auditCampaign, done, refuse } from './deps.ts';
import type { Actor, Questionnaire } from './model.ts';
import { newQuestionnaire, nextVersion, type Edit } from './questionnaire-edits.ts';

type Deps = Pick<CampaignDeps, 'questionnaires' | 'audit' | 'clock'>;

export async function createQuestionnaire(deps: Deps, name: string, actor: Actor): Promise<Result<Questionnaire>> {
  const clean = name.trim();
  if (!clean || clean.length > 200) return refuse('error.name_required');
  const q = newQuestionnaire(clean, actor.id, deps.clock.now());
  await deps.questionnaires.create(q);
  await auditCampaign(deps, actor, 'questionnaire.create', 'questionnaire', q.id, { name: q.name });
  return done(q);
}

/**
 * Applies a builder edit to the revision the page showed: a frozen questionnaire or one changed meanwhile is refused
 * (the page reloads and shows what is there now).
 */
export async function editQuestionnaire(
  deps: Deps, id: string, revision: number, actor: Actor, what: string, edit: (q: Questionnaire) => Edit,
): Promise<Result<Questionnaire>> {
  const current = await deps.questionnaires.get(id);
  if (!current) return refuse('error.no_questionnaire');
  if (current.frozenAt) return refuse('error.frozen');
  if (current.revision !== revision) return refuse('error.stale');
  const result = edit(current);
  if (!result.ok) return refuse(result.reason);
  const updated = { ...result.value, updatedAt: deps.clock.now() };
  if (!(await deps.questionnaires.update(updated, revision))) return refuse('error.stale');
  await auditCampaign(deps, actor, 'questionnaire.edit', 'questionnaire', id, { what });
  return done({ ...updated, revision: revision + 1 });
}

/** A new, editable version of a questionnaire (frozen or not), with the same questions. */
export async function newQuestionnaireVersion(deps: Deps, id: string, actor: Actor): Promise<Result<Questionnaire>> {
  const current = await deps.questionnaires.get(id);
  if (!current) return refuse('error.no_questionnaire');
  const version = (await deps.questionnaires.latestVersion(current.familyId)) + 1;
  const next = nextVersion(current, version, actor.id, deps.clock.now());
  await deps.questionnaires.create(next);
  await auditCampaign(deps, actor, 'questionnaire.new_version', 'questionnaire', next.id, { from: id, version });
  return done(next);
}
