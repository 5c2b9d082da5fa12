import type { CaseRecord } from '../core/cases.js';
import type { Logger } from '../core/logger.js';
import type { NewCaseNotifier } from '../core/ports.js';
import type { RoutingTable } from '../core/routing.js';
import type { GraphClient } from './graphClient.js';
import { encodeSegment } from './paths.js';
import { isObjectId } from './permissions.js';

/**
 * The production counterpart of the bot's "new case" card: a Teams activity feed notification
 * (`POST /teams/{team-id}/sendActivityNotification`, application permission
 * `TeamsActivity.Send`) to the members of the routed group's team, or, for a protected case, to
 * its named handlers only. It says the type and the registration number and links to the case
 * in the tab; a protected case's says only "a new case" (SPEC §5–6). Nothing else of the case
 * leaves the registry, and nobody is e-mailed.
 *
 * The routing group's `entraGroupId` is the Microsoft 365 group behind the team (a team's id is
 * its group's id), and the app must be installed in that team, as Graph requires.
 */

/** The activity type the app manifest declares (`activities.activityTypes`). */
export const newCaseActivityType = 'newCase';
/** The template parameter the manifest's `templateText` shows: `{case}`. */
export const newCaseTemplateParameter = 'case';
/** The `entityId` of the investigator tab in the app manifest; deep links open it. */
export const casesTabEntityId = 'cases';

/** What the notifier needs. */
export interface ActivityFeedOptions {
  client: GraphClient;
  routing: RoutingTable;
  /** The Teams app's id (the manifest's `id`), for the deep link to the tab. */
  teamsAppId: string;
  logger: Logger;
  /** The Entra object id of a product user id (a protected case's handlers); identity by default. */
  principalOf?: (userId: string) => string;
}

/** "A new … " per type, as the feed says it. */
const newCaseOf: Record<CaseRecord['type'], { sv: string; en: string }> = {
  lexSarah: { sv: 'Ny lex Sarah-rapport', en: 'New Lex Sarah report' },
  personalDataBreach: { sv: 'Ny personuppgiftsincident', en: 'New personal data breach' },
  securityIncident: {
    sv: 'Ny informationssäkerhetsincident',
    en: 'New information security incident',
  },
};

/** The line shown in the feed: Swedish, then English, as the organisation's Teams is shared. */
export function newCaseText(record: CaseRecord): string {
  const label = record.protectedIdentity
    ? { sv: 'Ett nytt ärende', en: 'A new case' }
    : newCaseOf[record.type];
  const number = record.registrationNumber;
  return number === null
    ? `${label.sv} · ${label.en}`
    : `${label.sv}: ${number} · ${label.en}: ${number}`;
}

/** A deep link that opens the case in the investigator tab inside Teams. */
export function caseDeepLink(teamsAppId: string, caseId: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: caseId }));
  return `https://teams.microsoft.com/l/entity/${encodeSegment(teamsAppId)}/${casesTabEntityId}?context=${context}`;
}

/** Notifies through Teams' activity feed; see the module comment. */
export class ActivityFeedNotifier implements NewCaseNotifier {
  private readonly principalOf: (userId: string) => string;

  constructor(private readonly options: ActivityFeedOptions) {
    this.principalOf = options.principalOf ?? ((userId) => userId);
  }

  async notifyNewCase(record: CaseRecord): Promise<void> {
    const teamId = this.options.routing.groups[record.routedGroup]?.entraGroupId ?? null;
    if (teamId === null || !isObjectId(teamId)) {
      // Said once per case, by id only: the group has no team to notify (a routing gap).
      this.options.logger.warn(
        { caseId: record.id, group: record.routedGroup },
        'routed group has no team: no activity feed notification',
      );
      return;
    }
    const recipients = record.protectedIdentity
      ? record.handlers.map((handler) => ({
          '@odata.type': 'microsoft.graph.aadUserNotificationRecipient',
          userId: this.principalOf(handler),
        }))
      : [{ '@odata.type': 'microsoft.graph.teamMembersNotificationRecipient', teamId }];
    const text = newCaseText(record);
    for (const recipient of recipients) {
      await this.options.client.send({
        method: 'POST',
        path: `/teams/${encodeSegment(teamId)}/sendActivityNotification`,
        json: {
          topic: {
            source: 'text',
            value: 'Avvikelse',
            webUrl: caseDeepLink(this.options.teamsAppId, record.id),
          },
          activityType: newCaseActivityType,
          previewText: { content: text },
          recipient,
          templateParameters: [{ name: newCaseTemplateParameter, value: text }],
        },
      });
    }
    this.options.logger.info(
      { caseId: record.id, recipients: recipients.length },
      'new case in the activity feed',
    );
  }
}
