import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import { countAudience, getAudience, listAudiences, saveAudience } from './audiences.ts';
import { listAuditLog } from './audit.ts';
import { login, logout, me } from './auth.ts';
import {
  cancelCampaign,
  getCampaignCertificate,
  getCampaignReport,
  getCampaignStatus,
  pauseCampaign,
  resumeCampaign,
} from './campaign-sending.ts';
import {
  createCampaign,
  editCampaign,
  getCampaign,
  getCampaignPlan,
  listCampaigns,
  preflightCampaign,
  scheduleCampaign,
} from './campaigns.ts';
import { getConsentProof, recordConsentOptOut } from './consent.ts';
import { countContacts, exportContactsCsv, getContact, importContactsCsv } from './contacts.ts';
import { getHealth } from './health.ts';
import { listInbound } from './inbound.ts';
import { getJob, getJobRejects, listJobs } from './jobs.ts';
import { listLicences } from './licences.ts';
import { getListUsage, importListCsv, listLists } from './lists.ts';
import { createOrder, createQuote, listCatalogue } from './market.ts';
import { addMember, changeMember, leaveWorkspace, listMembers, removeMember } from './members.ts';
import { findWorstCase } from './message-worst-case.ts';
import { checkWorkspaceMessage } from './messages.ts';
import { getDocs, getOpenApi } from './reference.ts';
import { type Route, route } from './route.ts';
import { addSuppression, listSuppressions, removeSuppression } from './suppression.ts';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from './webhooks.ts';
import { getWindowCalendar } from './windows.ts';
import { changeSettings, getSettings } from './workspace-settings.ts';
import { createWorkspace, getWorkspace, listWorkspaces } from './workspaces.ts';

const ws = '/api/workspaces/:workspaceId';

/**
 * THE route table: every route of the API, in the order of the reference. Add a resource by
 * writing src/api/<resource>.ts (see messages.ts) and one line per route here.
 */
export const routes: readonly Route[] = [
  route('get', '/api/health', 'getHealth', getHealth),
  route('get', '/api/openapi.json', 'getOpenApi', getOpenApi),
  route('get', '/api/docs', 'getDocs', getDocs),
  route('post', '/api/auth/login', 'login', login),
  route('post', '/api/auth/logout', 'logout', logout),
  route('get', '/api/me', 'getMe', me),
  route('get', '/api/workspaces', 'listWorkspaces', listWorkspaces),
  route('post', '/api/workspaces', 'createWorkspace', createWorkspace),
  route('get', ws, 'getWorkspace', getWorkspace),
  route('get', `${ws}/settings`, 'getWorkspaceSettings', getSettings),
  route('patch', `${ws}/settings`, 'changeWorkspaceSettings', changeSettings),
  route('get', `${ws}/members`, 'listMembers', listMembers),
  route('post', `${ws}/members`, 'addMember', addMember),
  route('patch', `${ws}/members/:userId`, 'changeMemberRole', changeMember),
  route('delete', `${ws}/members/:userId`, 'removeMember', removeMember),
  route('post', `${ws}/leave`, 'leaveWorkspace', leaveWorkspace),
  route('get', `${ws}/api-keys`, 'listApiKeys', listApiKeys),
  route('post', `${ws}/api-keys`, 'createApiKey', createApiKey),
  route('delete', `${ws}/api-keys/:keyId`, 'revokeApiKey', revokeApiKey),
  route('get', `${ws}/audit-log`, 'listAuditLog', listAuditLog),
  route('post', `${ws}/messages/check`, 'checkMessage', checkWorkspaceMessage),
  route('post', `${ws}/messages/worst-case`, 'findMessageWorstCase', findWorstCase),
  route('get', `${ws}/contacts/count`, 'countContacts', countContacts),
  route('get', `${ws}/contacts/export`, 'exportContacts', exportContactsCsv),
  route('post', `${ws}/contacts/imports`, 'importContacts', importContactsCsv),
  route('get', `${ws}/contacts/:phone`, 'getContact', getContact),
  route('get', `${ws}/consent/:phone`, 'getConsentProof', getConsentProof),
  route('post', `${ws}/consent/:phone/opt-out`, 'recordOptOut', recordConsentOptOut),
  route('get', `${ws}/suppressions`, 'listSuppressions', listSuppressions),
  route('post', `${ws}/suppressions`, 'addSuppression', addSuppression),
  route('delete', `${ws}/suppressions/:phone`, 'removeSuppression', removeSuppression),
  route('post', `${ws}/audiences/count`, 'countAudience', countAudience),
  route('get', `${ws}/audiences`, 'listAudiences', listAudiences),
  route('post', `${ws}/audiences`, 'saveAudience', saveAudience),
  route('get', `${ws}/audiences/:name`, 'getAudience', getAudience),
  route('get', `${ws}/lists`, 'listLists', listLists),
  route('post', `${ws}/lists/imports`, 'importList', importListCsv),
  route('get', `${ws}/lists/usage`, 'getListUsage', getListUsage),
  route('get', `${ws}/catalogue`, 'listCatalogue', listCatalogue),
  route('post', `${ws}/quotes`, 'createQuote', createQuote),
  route('post', `${ws}/orders`, 'createOrder', createOrder),
  route('get', `${ws}/licences`, 'listLicences', listLicences),
  route('get', `${ws}/campaigns`, 'listCampaigns', listCampaigns),
  route('post', `${ws}/campaigns`, 'createCampaign', createCampaign),
  route('get', `${ws}/campaigns/:campaignId`, 'getCampaign', getCampaign),
  route('patch', `${ws}/campaigns/:campaignId`, 'editCampaign', editCampaign),
  route('post', `${ws}/campaigns/:campaignId/preflight`, 'preflightCampaign', preflightCampaign),
  route('get', `${ws}/campaigns/:campaignId/plan`, 'getCampaignPlan', getCampaignPlan),
  route('post', `${ws}/campaigns/:campaignId/schedule`, 'scheduleCampaign', scheduleCampaign),
  route('post', `${ws}/campaigns/:campaignId/pause`, 'pauseCampaign', pauseCampaign),
  route('post', `${ws}/campaigns/:campaignId/resume`, 'resumeCampaign', resumeCampaign),
  route('post', `${ws}/campaigns/:campaignId/cancel`, 'cancelCampaign', cancelCampaign),
  route('get', `${ws}/campaigns/:campaignId/status`, 'getCampaignStatus', getCampaignStatus),
  route('get', `${ws}/campaigns/:campaignId/report`, 'getCampaignReport', getCampaignReport),
  route(
    'get',
    `${ws}/campaigns/:campaignId/certificate`,
    'getCampaignCertificate',
    getCampaignCertificate,
  ),
  route('get', `${ws}/windows/calendar`, 'getWindowCalendar', getWindowCalendar),
  route('get', `${ws}/inbound`, 'listInbound', listInbound),
  route('get', `${ws}/jobs`, 'listJobs', listJobs),
  route('get', `${ws}/jobs/:jobId`, 'getJob', getJob),
  route('get', `${ws}/jobs/:jobId/rejects`, 'getJobRejects', getJobRejects),
  route('get', `${ws}/webhooks`, 'listWebhooks', listWebhooks),
  route('post', `${ws}/webhooks`, 'createWebhook', createWebhook),
  route('get', `${ws}/webhooks/deliveries`, 'listWebhookDeliveries', listDeliveries),
  route('delete', `${ws}/webhooks/:webhookId`, 'deleteWebhook', deleteWebhook),
];
