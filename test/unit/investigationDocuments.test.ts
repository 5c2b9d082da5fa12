import { describe, expect, it } from '@jest/globals';
import {
  buildDecisionDocument,
  buildInvestigationDocument,
} from '../../src/core/documents/investigationDocuments.js';
import { PROTECTED_MARK, renderPdf } from '../../src/core/documents/pdf.js';
import { makeCaseRecord } from '../fixtures/cases.js';
import { extractPdfPages, normaliseWhitespace } from '../helpers/pdfText.js';

const investigated = makeCaseRecord({
  registrationNumber: 'AMN 2026-0042-1.3',
  state: 'decided',
  investigation: {
    startedAt: '2026-03-03T09:00:00+01:00',
    law: 'SoL',
    investigators: [{ name: 'Ida Berg', title: 'Utredare' }, { name: 'Lena Sarin' }],
    board: 'Arbetsmarknadsnämnden',
    howNoticed: 'Rapport från coach efter planeringsmöte.',
    whatHappened: 'Insatsen nekades utan att beslutsunderlaget förklarades.',
    consequences: 'Aspiranten gick miste om arbetsförmågeprövningen.',
    couldRecur: 'yes',
    couldRecurWhy: 'Rutinen för beslut om insatser är otydlig.',
    rootCauses: {
      communication: { applies: true, text: 'Beslutet förklarades inte.' },
      routines: { applies: true },
      technology: { applies: false, text: 'ej aktuellt' },
    },
    remedialActions: 'Nytt möte med aspiranten.',
    preventiveActions: 'Ny rutin för motivering av beslut.',
    proposedDecision: 'misconduct',
    commissioningBoardInformedAt: '2026-03-04T10:00:00+01:00',
  },
  caseLog: [
    {
      id: 'l1',
      documentedAt: '2026-03-05T13:30:00+01:00',
      note: 'Samtal med biträdande enhetschef.',
      nature: 'fact',
      source: 'Biträdande enhetschef',
      attachmentNumber: 2,
      signedBy: { id: 'u-investigator', name: 'Ida Berg', title: 'Utredare' },
    },
  ],
  decision: {
    outcome: 'misconduct',
    decidedAt: '2026-04-10T15:00:00+02:00',
    decidedBy: { id: 'u-officer', name: 'Lena Sarin', title: 'Lex Sarah-ansvarig' },
  },
});

async function pdfText(model: Parameters<typeof renderPdf>[0]): Promise<string> {
  return normaliseWhitespace((await extractPdfPages(await renderPdf(model))).join(' ')).replace(
    /\s/g,
    '',
  );
}
const squash = (text: string): string => text.replace(/\s/g, '');

describe('investigation and decision documents', () => {
  it('puts every investigation field and the case log in the investigation document', async () => {
    const text = await pdfText(
      buildInvestigationDocument(
        investigated,
        'Arbetsmarknadsnämnden',
        '2026-04-01T10:00:00+02:00',
      ),
    );
    for (const expected of [
      'Utredning enligt lex Sarah',
      'AMN 2026-0042-1.3',
      'Ida Berg, Utredare',
      'Lena Sarin',
      'Insatsen nekades utan att beslutsunderlaget förklarades.',
      'Kommunikation och information: Beslutet förklarades inte.',
      'Processer, rutiner och riktlinjer',
      'Missförhållande',
      // Asked for as a day: printed without the time of day.
      'Beställande nämnd informerad 2026-03-04',
      '2026-03-05 13:30 · Faktauppgift · Källa: Biträdande enhetschef · Bilaga 2 · Ida Berg, Utredare',
      'Samtal med biträdande enhetschef.',
    ]) {
      expect(text).toContain(squash(expected));
    }
    // A root cause that does not apply is not listed.
    expect(text).not.toContain(squash('Teknik, utrustning och apparatur'));
    // The day the board was informed, with no time of day after it.
    expect(text).toContain(squash('Beställande nämnd informerad 2026-03-04 Anmäld till IVO'));
  });

  it('says "no entries" for an investigation without a log', () => {
    const empty = buildInvestigationDocument(
      makeCaseRecord({ investigation: null }),
      'Arbetsmarknadsnämnden',
      '2026-04-01T10:00:00+02:00',
    );
    const log = empty.sections.at(-1);
    expect(log?.fields).toEqual([{ label: 'Anteckningar', value: null }]);
  });

  it('renders the delegated decision with outcome, legal reference, decision-maker and registrar note', async () => {
    const model = buildDecisionDocument(
      investigated,
      'Arbetsmarknadsnämnden',
      '14 kap. 3 § socialtjänstlagen (2025:400)',
    );
    expect(model.signature).toMatchObject({
      signedBy: 'Lena Sarin',
      title: 'Lex Sarah-ansvarig',
      label: 'Beslutsfattare',
    });
    const text = await pdfText(model);
    for (const expected of [
      'Beslut enligt delegation',
      'Missförhållande.',
      'Händelsen ska inte anmälas till Inspektionen för vård och omsorg (IVO).',
      '14 kap. 3 § socialtjänstlagen (2025:400)',
      'Beslutsfattare: Lena Sarin, Lex Sarah-ansvarig',
      'Original till registrator',
    ]) {
      expect(text).toContain(squash(expected));
    }
  });

  it('tells IVO about a serious case and marks a protected one', async () => {
    const serious = makeCaseRecord({
      protectedIdentity: true,
      investigation: { proposedDecision: 'seriousMisconduct' },
      decision: null,
    });
    const model = buildDecisionDocument(serious, 'Arbetsmarknadsnämnden', 'SoL');
    expect(model.signature).toBeUndefined();
    const text = await pdfText(model);
    expect(text).toContain(
      squash('ska anmälas till Inspektionen för vård och omsorg (IVO) snarast'),
    );
    expect(text).toContain(squash(PROTECTED_MARK));
    const undecided = buildDecisionDocument(makeCaseRecord({ investigation: null }), 'A', 'SoL');
    expect(undecided.sections.find((s) => s.heading === 'Beslut')?.fields[0]?.value).toBeNull();
  });
});
