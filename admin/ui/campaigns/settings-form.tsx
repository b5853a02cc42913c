/**
 * @module A campaign's settings form (questionnaire, start and end in Almaty time, calling hours, retry rules per
 * outcome code) and the supervisors' form that assigns agents to its calling screen.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import type { Campaign, Questionnaire } from '../../../core/campaigns/index.ts';
import { CAMPAIGN_MODES } from '../../../core/campaigns/index.ts';
import type { ConsoleUser } from '../../../core/users/model.ts';
import { href } from '../../context.ts';
import { Csrf } from '../bits.tsx';
import { hhmm, toLocalInput } from './bits.tsx';

const CALLERS = new Set(['agent', 'second_line', 'supervisor', 'admin']);

export function SettingsForm({ t, campaign, questionnaires, csrf, canEdit }: {
  t: Translate; campaign: Campaign; questionnaires: Questionnaire[]; csrf: string; canEdit: boolean;
}) {
  const closed = campaign.state === 'finished' || campaign.state === 'archived';
  const off = !canEdit || closed;
  const r = campaign.retry;
  const retryRow = (code: 'no_answer' | 'busy' | 'partial') => (
    <tr>
      <th scope="row">{t(`campaigns:outcome.${code}`)}</th>
      <td><input type="number" name={`${code}_attempts`} min={1} max={20} value={String(r[code].attempts)} disabled={off} aria-label={t('campaigns:settings.attempts')} /></td>
      <td><input type="number" name={`${code}_spacing`} min={0} max={43200} value={String(r[code].spacingMinutes)} disabled={off} aria-label={t('campaigns:settings.spacing')} /></td>
    </tr>
  );
  return (
    <form method="post" action={href(`/campaigns/${campaign.id}/settings`)} class="card settings-form">
      <Csrf token={csrf} />
      <input type="hidden" name="revision" value={String(campaign.revision)} />
      <h2>{t('campaigns:settings.title')}</h2>
      <label>{t('campaigns:field.name')}<input name="name" value={campaign.name} required maxlength={200} disabled={off} /></label>
      <label>
        {t('campaigns:field.questionnaire')}
        <select name="questionnaireId" disabled={off || campaign.state !== 'draft'}>
          {questionnaires.map((q) => <option value={q.id} selected={q.id === campaign.questionnaireId}>{`${q.name} · v${q.version}`}</option>)}
        </select>
        {campaign.state !== 'draft' ? <input type="hidden" name="questionnaireId" value={campaign.questionnaireId} /> : null}
        <a class="small" href={href(`/campaigns/questionnaires/${campaign.questionnaireId}`)}>{t('campaigns:settings.open_questionnaire')}</a>
      </label>
      <fieldset>
        <legend>{t('campaigns:field.mode')}</legend>
        {CAMPAIGN_MODES.map((m) => (
          <label class="check"><input type="radio" name="mode" value={m} checked={campaign.mode === m} disabled={off || campaign.state !== 'draft'} /><span>{t(`campaigns:mode.${m}`)}</span></label>
        ))}
        {campaign.state !== 'draft' ? <input type="hidden" name="mode" value={campaign.mode} /> : null}
        <span class="muted small">{t('campaigns:settings.mode_hint')}</span>
      </fieldset>
      <fieldset>
        <legend>{t('campaigns:settings.when')}</legend>
        <label>{t('campaigns:settings.start')}<input type="datetime-local" name="startAt" value={toLocalInput(campaign.startAt)} disabled={off} /><span class="muted small">{t('campaigns:settings.start_hint')}</span></label>
        <label>{t('campaigns:settings.end')}<input type="datetime-local" name="endAt" value={toLocalInput(campaign.endAt)} disabled={off} /></label>
      </fieldset>
      <fieldset>
        <legend>{t('campaigns:settings.hours')}</legend>
        <p class="muted small">{t('campaigns:settings.hours_hint')}</p>
        {(['weekday', 'weekend'] as const).map((day) => (
          <label>
            {t(`campaigns:settings.${day}`)}
            <span class="inline">
              <input type="time" name={`${day}Open`} value={hhmm(campaign.callingHours[day].open)} disabled={off} aria-label={t('campaigns:settings.opens')} />
              {' – '}
              <input type="time" name={`${day}Close`} value={hhmm(campaign.callingHours[day].close)} disabled={off} aria-label={t('campaigns:settings.closes')} />
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('campaigns:settings.retry')}</legend>
        <table class="retry">
          <thead><tr><th></th><th>{t('campaigns:settings.attempts')}</th><th>{t('campaigns:settings.spacing')}</th></tr></thead>
          <tbody>
            {retryRow('no_answer')}
            {retryRow('busy')}
            {retryRow('partial')}
            <tr>
              <th scope="row">{t('campaigns:outcome.callback')}</th>
              <td><input type="number" name="callback_attempts" min={1} max={20} value={String(r.callback.attempts)} disabled={off} aria-label={t('campaigns:settings.attempts')} /></td>
              <td class="muted small">{t('campaigns:settings.callback_time')}</td>
            </tr>
          </tbody>
        </table>
      </fieldset>
      {off ? null : <div><button type="submit">{t('campaigns:settings.save')}</button></div>}
    </form>
  );
}

export function AgentsForm({ t, campaign, users, csrf, canAssign }: { t: Translate; campaign: Campaign; users: ConsoleUser[]; csrf: string; canAssign: boolean }) {
  const callers = users.filter((u) => u.active && u.roles.some((r) => CALLERS.has(r)));
  const assigned = callers.filter((u) => campaign.agentIds.includes(u.id));
  return (
    <section class="card">
      <h2>{t('campaigns:agents.title')}</h2>
      {canAssign && campaign.state !== 'archived' ? (
        <form method="post" action={href(`/campaigns/${campaign.id}/agents`)}>
          <Csrf token={csrf} />
          <div class="agent-grid">
            {callers.map((u) => (
              <label class="check">
                <input type="checkbox" name="agents" value={u.id} checked={campaign.agentIds.includes(u.id)} />
                <span>{u.name} <small class="muted">{u.roles.map((r) => t(`admin:roles.${r}`)).join(', ')}</small></span>
              </label>
            ))}
          </div>
          {callers.length ? <button type="submit" class="secondary">{t('campaigns:agents.save')}</button> : <p class="muted">{t('campaigns:agents.nobody')}</p>}
        </form>
      ) : (
        <p>{assigned.length ? assigned.map((u) => u.name).join(', ') : t('campaigns:agents.none')}</p>
      )}
    </section>
  );
}
