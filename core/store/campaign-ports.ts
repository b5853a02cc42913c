/** @module The repositories the campaign module is given, taken from the Store aggregate (composition roots use it). */
import type { CampaignDeps } from '../campaigns/deps.ts';
import type { Store } from './store.ts';

export type CampaignPorts = Pick<CampaignDeps, 'questionnaires' | 'campaigns' | 'contacts' | 'imports' | 'doNotCall' | 'deliveries' | 'optOuts' | 'chats' | 'users' | 'settings' | 'audit' | 'leases' | 'accounts' | 'subscribers'>;

export function campaignPorts(store: Store): CampaignPorts {
  return {
    questionnaires: store.questionnaires, campaigns: store.campaigns, contacts: store.campaignContacts, imports: store.callListImports,
    doNotCall: store.doNotCall, deliveries: store.surveyDeliveries, optOuts: store.surveyOptOuts, chats: store.chats, users: store.users, settings: store.settings, audit: store.audit, leases: store.leases, accounts: store.accounts,
    subscribers: store.subscribers,
  };
}
