import type { Actor } from '../core/access.js';

/**
 * Local mode's demo users: fictional people, one for each role, so the whole workflow can be
 * walked through on one machine. `groups` are routing group keys (SPEC §5), as production derives
 * them from Entra group membership.
 */

/** The fictional people local mode signs in as (`POST /dev/token`). */
export const demoUsers: Actor[] = [
  { id: 'u-reporter', name: 'Jonas Quist', title: 'Coach', roles: ['reporter'], groups: [] },
  {
    id: 'u-reporter2',
    name: 'Nora Rask',
    title: 'Arbetskonsulent',
    roles: ['reporter'],
    groups: [],
  },
  {
    id: 'u-investigator',
    name: 'Ida Berg',
    title: 'Utredare',
    roles: ['reporter', 'investigator'],
    groups: ['lexSarahOfficer'],
  },
  {
    id: 'u-officer',
    name: 'Lena Sarin',
    title: 'Lex Sarah-ansvarig',
    roles: ['reporter', 'lexSarahOfficer'],
    groups: ['lexSarahOfficer'],
  },
  {
    id: 'u-registrar',
    name: 'Per Holm',
    title: 'Registrator',
    roles: ['reporter', 'registrar'],
    groups: [],
  },
  {
    id: 'u-dpo',
    name: 'Eva Dahl',
    title: 'Dataskyddsombud',
    roles: ['reporter', 'dpo'],
    groups: ['dpo'],
  },
  {
    id: 'u-isam',
    name: 'Omar Said',
    title: 'Informationssäkerhetssamordnare',
    roles: ['reporter', 'securityCoordinator'],
    groups: ['securityCoordinator'],
  },
];

/** The demo user with this id, as a fresh copy callers may change, or undefined. */
export function findDemoUser(id: string): Actor | undefined {
  const user = demoUsers.find((candidate) => candidate.id === id);
  return user === undefined
    ? undefined
    : { ...user, roles: [...user.roles], groups: [...user.groups] };
}
