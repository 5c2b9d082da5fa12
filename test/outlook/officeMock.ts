import { OfficeMockObject } from 'office-addin-mock';
import type { OfficeNamespace } from '../../src/outlook/office/officeApi.js';

/**
 * office-addin-mock's stand-in for Office.js, typed as the part of Office the action uses. The
 * data must name the host (`host: 'outlook'`), or the mock behaves as Excel's, with load/sync.
 */
export function mockOffice(data: { host: 'outlook' } & Record<string, unknown>): OfficeNamespace {
  // The mock's constructor is typed with a class it never checks; any object serves.
  const objectData = data as unknown as ConstructorParameters<typeof OfficeMockObject>[0];
  return new OfficeMockObject(objectData) as unknown as OfficeNamespace;
}
