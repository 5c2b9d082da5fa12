import { describe, expect, it } from '@jest/globals';
import {
  NOT_GIVEN,
  printableValue,
  type DocumentModel,
} from '../../src/core/documents/documentModel.js';
import { PROTECTED_MARK, renderPdf } from '../../src/core/documents/pdf.js';
import {
  extractPdfFonts,
  extractPdfItems,
  extractPdfPages,
  normaliseWhitespace,
  openPdf,
  type PdfTextItem,
} from '../helpers/pdfText.js';

const HEADER = 'Arbetsmarknadsnämnden · AMN 2020-0576-1.3';
const SWEDISH = 'Åsa Öberg på Jobbtorg Söderort – “förtydligande” — é';

function model(overrides: Partial<DocumentModel> = {}): DocumentModel {
  return {
    documentTitle: { sv: 'Rapport enligt lex Sarah' },
    registry: {
      authority: 'Arbetsmarknadsnämnden',
      series: 'AMN',
      registrationNumber: 'AMN 2020-0576-1.3',
      classification: '1.3',
    },
    protectedIdentity: false,
    sections: [
      {
        heading: 'Rapportör',
        fields: [
          { label: 'Namn', value: 'Åsa Öberg' },
          { label: 'Titel/funktion', value: 'Arbetskonsulent' },
          { label: 'Arbetsplats', value: 'Jobbtorg Stockholm – Söderort' },
          { label: 'Telefonnummer', value: null },
        ],
      },
      {
        heading: 'Händelsen',
        fields: [
          { label: 'Rapporten avser', value: 'En påtaglig risk för ett missförhållande' },
          { label: 'Verksamhetsområde', value: 'Jobbtorg' },
          {
            label: 'Beskriv missförhållandet eller risken',
            value:
              'Coach J.Q. uppgav att ÄLDRE ÖVERENSKOMMELSER inte följdes – deltagaren fick ' +
              '“fel” besked.\nEtt nytt möte bokades på Årsta gård.',
          },
          {
            label: 'Vilka åtgärder vidtogs omedelbart?',
            value: ['Enhetschefen informerades', 'Ny rutin för överlämning infördes'],
          },
          { label: 'Övriga upplysningar', value: SWEDISH },
        ],
      },
    ],
    signature: {
      signedBy: 'Åsa Öberg',
      title: 'arbetskonsulent',
      signedAt: '2020-02-06T13:45:00Z',
    },
    footerNote: 'Original till registrator',
    createdAt: '2020-02-06T13:45:00Z',
    language: 'sv',
    ...overrides,
  };
}

/** Paragraphs of ordinary prose, varied so page breaks fall in different places. */
function prose(paragraphs: number, seed: number): string {
  const sentences = [
    'Deltagaren på enheten i Årsta uppgav att det överenskomna mötet inte blev av.',
    'Handläggaren N.R. kontaktade arbetsgivaren – som bekräftade uppgifterna.',
    'Händelsen dokumenterades i den fortlöpande dokumentationen samma dag.',
    'Enhetschefen bedömde att rutinen för överlämning behöver förtydligas.',
    'Ingen åtgärd vidtogs förrän efter två veckor, vilket är för sent.',
  ];
  return Array.from({ length: paragraphs }, (_, p) =>
    Array.from(
      { length: 3 + ((p + seed) % 4) },
      (_, s) => sentences[(p * 7 + s + seed) % sentences.length],
    ).join(' '),
  ).join('\n\n');
}

/** A case file long enough to span several pages, with breaks at many kinds of places. */
function longModel(overrides: Partial<DocumentModel> = {}): DocumentModel {
  return model({
    sections: Array.from({ length: 6 }, (_, s) => ({
      heading: `Avsnitt ${s + 1}: Bakomliggande orsaker`,
      fields: Array.from({ length: 5 }, (_, f) => ({
        label: `Fråga ${s + 1}.${f + 1} – vad hände på enheten?`,
        value:
          f === 3
            ? [`Åtgärd ${s + 1}.${f + 1}: ${prose(1, s + f)}`, `Uppföljning om ${f + 1} veckor`]
            : prose(1 + ((s * 5 + f) % 3), s + f),
      })),
    })),
    ...overrides,
  });
}

function allText(pages: string[]): string {
  return pages.join(' ');
}

function isBold(item: PdfTextItem): boolean {
  return item.font.endsWith('DejaVuSans-Bold');
}

async function rawMetadata(pdf: Buffer): Promise<Record<string, unknown>> {
  const document = await openPdf(pdf);
  try {
    const { info, metadata } = await document.getMetadata();
    return {
      ...(info as Record<string, unknown>),
      xmp: metadata.getAll() as Record<string, unknown>,
      markInfo: await document.getMarkInfo(),
    };
  } finally {
    await document.destroy();
  }
}

describe('printableValue', () => {
  it('turns missing, blank and all-blank values into null and keeps the rest', () => {
    expect(NOT_GIVEN).toBe('—');
    expect(printableValue(null)).toBeNull();
    expect(printableValue(' \n ')).toBeNull();
    expect(printableValue([])).toBeNull();
    expect(printableValue(['', '  '])).toBeNull();
    expect(printableValue(' Jobbtorg ')).toBe(' Jobbtorg ');
    expect(printableValue(['a', ' ', 'b'])).toEqual(['a', 'b']);
  });
});

describe('renderPdf: content', () => {
  it('prints the title, every section, label and value, with Swedish letters intact', async () => {
    const input = model();
    const text = allText(await extractPdfPages(await renderPdf(input)));

    expect(text).toContain('Rapport enligt lex Sarah');
    for (const section of input.sections) {
      expect(text).toContain(section.heading);
      for (const field of section.fields) {
        expect(text).toContain(normaliseWhitespace(field.label));
        const values = Array.isArray(field.value) ? field.value : [field.value ?? '—'];
        for (const value of values) expect(text).toContain(normaliseWhitespace(value));
      }
    }
    expect(text).toContain(SWEDISH);
    expect(text).toContain('ÄLDRE ÖVERENSKOMMELSER');
  });

  it('prints each value right after its label, and "—" for a value not given', async () => {
    const text = allText(
      await extractPdfPages(
        await renderPdf(
          model({
            sections: [
              {
                heading: 'Kontakt',
                fields: [
                  { label: 'Telefonnummer', value: null },
                  { label: 'E-postadress', value: '   ' },
                  { label: 'Mobil', value: '\u200B' },
                  { label: 'Bilagor', value: [] },
                  { label: 'Vittnen', value: ['', ' '] },
                  { label: 'Arbetsplats', value: 'Jobbtorg' },
                ],
              },
            ],
          }),
        ),
      ),
    );

    expect(text).toContain(
      'Telefonnummer — E-postadress — Mobil — Bilagor — Vittnen — Arbetsplats Jobbtorg',
    );
  });

  it('prints a list as bullet lines, leaving out blank items', async () => {
    const text = allText(
      await extractPdfPages(
        await renderPdf(
          model({
            sections: [
              {
                heading: 'Åtgärder',
                fields: [{ label: 'Vidtagna', value: ['Chefen informerad', '', 'Rutin ändrad'] }],
              },
            ],
          }),
        ),
      ),
    );

    expect(text).toContain('Vidtagna • Chefen informerad • Rutin ändrad');
  });

  it('keeps multi-line text in order and makes decomposed å ä ö whole again', async () => {
    const decomposed = 'A\u030Arsta ga\u030Ard, La\u0308nna, O\u0308rby';
    const text = allText(
      await extractPdfPages(
        await renderPdf(
          model({
            sections: [
              {
                heading: 'Händelsen',
                fields: [
                  { label: 'Platser', value: decomposed },
                  { label: 'Förlopp', value: 'Första raden\r\nAndra raden\rTredje\traden' },
                ],
              },
            ],
          }),
        ),
      ),
    );

    expect(text).toContain('Årsta gård, Länna, Örby');
    expect(text).toContain('Första raden Andra raden Tredje raden');
  });

  it('draws characters the font lacks as U+FFFD and drops control and invisible ones', async () => {
    const text = allText(
      await extractPdfPages(
        await renderPdf(
          model({
            sections: [
              {
                heading: 'Övrigt',
                fields: [{ label: 'Namn', value: 'Li 漢\u0007 Wei\u200B Åkesson' }],
              },
            ],
          }),
        ),
      ),
    );

    expect(text).toContain('Li \uFFFD Wei Åkesson');
  });

  it('prints a section that has no fields as a heading only', async () => {
    const pages = await extractPdfPages(
      await renderPdf(model({ sections: [{ heading: 'Bilagor', fields: [] }] })),
    );

    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Rapport enligt lex Sarah Bilagor Underskrift:');
  });
});

describe('renderPdf: signature', () => {
  it('prints name, title and the time in Europe/Stockholm (winter, UTC+1)', async () => {
    const text = allText(await extractPdfPages(await renderPdf(model())));

    expect(text).toContain('Underskrift: Åsa Öberg, arbetskonsulent — 2020-02-06 14:45');
  });

  it('uses summer time (UTC+2) and rolls over the date at midnight', async () => {
    const text = allText(
      await extractPdfPages(
        await renderPdf(
          model({ signature: { signedBy: 'Jan Ek', signedAt: '2024-07-01T22:30:00Z' } }),
        ),
      ),
    );

    expect(text).toContain('Underskrift: Jan Ek — 2024-07-02 00:30');
  });

  it('reads offsets in the input and prints a custom label once with its colon', async () => {
    const text = allText(
      await extractPdfPages(
        await renderPdf(
          model({
            signature: {
              signedBy: 'Eva Lind',
              title: 'enhetschef',
              // 01:30 UTC on the night clocks go forward: 03:30 in Stockholm.
              signedAt: '2024-03-31T02:30:00+01:00',
              label: 'Beslutad av:',
            },
          }),
        ),
      ),
    );

    expect(text).toContain('Beslutad av: Eva Lind, enhetschef — 2024-03-31 03:30');
    expect(text).not.toContain('::');
  });

  it('leaves the signature out when there is none', async () => {
    const text = allText(await extractPdfPages(await renderPdf(model({ signature: undefined }))));

    expect(text).not.toContain('Underskrift');
  });
});

describe('renderPdf: pages, header and footer', () => {
  it('numbers every page "Sida N av M" and repeats the header on each', async () => {
    const pages = await extractPdfPages(await renderPdf(longModel()));

    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(HEADER);
      expect(page).toContain('Klassificering 1.3');
      expect(page).toContain('Original till registrator');
      expect(page.endsWith(`Sida ${index + 1} av ${pages.length}`)).toBe(true);
    });
  });

  it('flows long text across pages without losing or reordering a word', async () => {
    const input = longModel();
    const pages = await extractPdfItems(await renderPdf(input));
    const furniture = /^(Arbetsmarknadsnämnden · |Klassificering |Original till |Sida \d+ av )/;
    const body = normaliseWhitespace(
      pages
        .flat()
        .map((item) => item.text)
        .filter((text) => !furniture.test(text))
        .join(' '),
    );

    const expected = input.sections.flatMap((section) => [
      section.heading,
      ...section.fields.flatMap((field) => [
        field.label,
        ...(Array.isArray(field.value) ? field.value.map((item) => `• ${item}`) : [field.value]),
      ]),
    ]);
    expect(body).toContain(normaliseWhitespace(expected.join(' ')));
  });

  it('keeps body text clear of the header and footer on every page', async () => {
    const pages = await extractPdfItems(await renderPdf(longModel({ protectedIdentity: true })));

    for (const items of pages) {
      const header = items.find((item) => item.text.startsWith(HEADER));
      const footer = items.find((item) => item.text.startsWith('Sida '));
      expect(header).toBeDefined();
      expect(footer).toBeDefined();
      const furniture = new Set([header, footer]);
      const body = items.filter(
        (item) =>
          !furniture.has(item) &&
          item.text.trim() !== '' &&
          !/^(Klassificering|Original till|SKYDDADE)/.test(item.text),
      );
      expect(body.length).toBeGreaterThan(0);
      for (const item of body) {
        expect(item.y).toBeLessThan(header!.y - 12);
        expect(item.y).toBeGreaterThan(footer!.y + 12);
      }
    }
  });

  it('never leaves a heading or label as the last line of a page', async () => {
    const pages = await extractPdfItems(await renderPdf(longModel()));
    const furniture = /^(Arbetsmarknadsnämnden · |Klassificering |Original till |Sida \d+ av )/;

    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const items of pages.slice(0, -1)) {
      const body = items.filter((item) => item.text.trim() !== '' && !furniture.test(item.text));
      const lowest = body.reduce((low, item) => (item.y < low.y ? item : low));
      expect(isBold(lowest)).toBe(false);
    }
  });

  it('says when no registration number has been assigned yet', async () => {
    const pdf = await renderPdf(
      longModel({
        registry: { authority: 'Arbetsmarknadsnämnden', series: 'AMN', registrationNumber: null },
      }),
    );
    const pages = await extractPdfPages(pdf);

    for (const page of pages) {
      expect(page).toContain('Arbetsmarknadsnämnden · AMN · Diarienummer ej tilldelat');
      expect(page).not.toContain('Klassificering');
    }
    expect((await rawMetadata(pdf)).Title).toBe('Rapport enligt lex Sarah');
  });

  it('leaves out an empty series and an absent footer note', async () => {
    const [page] = await extractPdfPages(
      await renderPdf(
        model({
          registry: { authority: 'Socialnämnden', series: ' ', registrationNumber: null },
          footerNote: undefined,
        }),
      ),
    );

    expect(page).toContain('Socialnämnden · Diarienummer ej tilldelat');
    expect(page).not.toContain('Original till registrator');
  });

  it('shortens an overlong authority or footer note but never the registration number', async () => {
    const authority = `Nämnden för ${'mycket långa namn och '.repeat(12)}slut`;
    const footerNote = `Original till registrator, ${'kopia till akten och '.repeat(12)}slut`;
    const [items] = await extractPdfItems(
      await renderPdf(
        model({ registry: { ...model().registry, authority }, footerNote, sections: [] }),
      ),
    );

    const header = items!.find((item) => item.text.startsWith('Nämnden för'));
    const footer = items!.find((item) => item.text.startsWith('Original till registrator'));
    expect(header?.text).toMatch(/^Nämnden för .*… · AMN 2020-0576-1\.3$/);
    expect(footer?.text).toMatch(/…$/);
    expect(items!.some((item) => item.text === 'Klassificering 1.3')).toBe(true);
  });

  it('renders an empty document as one page with the title', async () => {
    const pages = await extractPdfPages(
      await renderPdf(model({ sections: [], signature: undefined })),
    );

    expect(pages).toEqual([
      `Rapport enligt lex Sarah ${HEADER} Klassificering 1.3 Original till registrator Sida 1 av 1`,
    ]);
  });
});

describe('renderPdf: protected personal data', () => {
  it('marks every page, in large bold type above the header, and the title', async () => {
    const pdf = await renderPdf(longModel({ protectedIdentity: true }));
    const pages = await extractPdfItems(pdf);

    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const items of pages) {
      const mark = items.find((item) => item.text === PROTECTED_MARK);
      const header = items.find((item) => item.text.startsWith(HEADER));
      const bodySize = Math.max(
        ...items.filter((item) => item !== mark && !isBold(item)).map((item) => item.fontSize),
      );
      expect(mark).toBeDefined();
      expect(isBold(mark!)).toBe(true);
      expect(mark!.fontSize).toBeGreaterThan(bodySize);
      expect(mark!.y).toBeGreaterThan(header!.y);
    }
    expect((await rawMetadata(pdf)).Title).toBe(
      `${PROTECTED_MARK} – Rapport enligt lex Sarah – AMN 2020-0576-1.3`,
    );
  });

  it('shows no mark anywhere when the case is not protected', async () => {
    const pdf = await renderPdf(longModel());
    const pages = await extractPdfPages(pdf);

    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(page).not.toContain(PROTECTED_MARK);
    expect((await rawMetadata(pdf)).Title).toBe('Rapport enligt lex Sarah – AMN 2020-0576-1.3');
  });
});

describe('renderPdf: PDF/A-2b and accessibility', () => {
  it('declares PDF/A-2b in XMP, with an sRGB output intent and matching Info entries', async () => {
    const pdf = await renderPdf(model());
    const raw = pdf.toString('latin1');
    const meta = await rawMetadata(pdf);

    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(meta.xmp).toMatchObject({
      'pdfaid:part': '2',
      'pdfaid:conformance': 'B',
      'dc:title': 'Rapport enligt lex Sarah – AMN 2020-0576-1.3',
      'xmp:createdate': '2020-02-06T13:45:00Z',
    });
    expect(meta).toMatchObject({
      Title: 'Rapport enligt lex Sarah – AMN 2020-0576-1.3',
      Author: 'Arbetsmarknadsnämnden',
      Language: 'sv-SE',
      CreationDate: 'D:20200206134500Z',
      markInfo: { Marked: true },
    });
  });

  it('declares English documents as en-GB with English page furniture', async () => {
    const pdf = await renderPdf(
      model({
        language: 'en',
        registry: { ...model().registry, registrationNumber: null },
      }),
    );
    const [page] = await extractPdfPages(pdf);

    expect((await rawMetadata(pdf)).Language).toBe('en-GB');
    expect(page).toContain('Arbetsmarknadsnämnden · AMN · Registration number not assigned');
    expect(page).toContain('Classification 1.3');
    expect(page).toContain('Signature: Åsa Öberg, arbetskonsulent — 2020-02-06 14:45');
    expect(page).toContain('Page 1 of 1');
  });

  it('embeds every font it uses and never falls back to a standard font', async () => {
    const pdf = await renderPdf(longModel({ protectedIdentity: true }));
    const fonts = await extractPdfFonts(pdf);

    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    for (const font of fonts) expect(font.embedded).toBe(true);
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('keeps XML-special characters in the title from breaking the XMP metadata', async () => {
    const pdf = await renderPdf(model({ documentTitle: { sv: 'Beslut <utkast> & bilaga' } }));
    const meta = await rawMetadata(pdf);
    const [page] = await extractPdfPages(pdf);

    expect(page).toContain('Beslut <utkast> & bilaga');
    expect(meta.Title).toBe('Beslut ‹utkast› ＆ bilaga – AMN 2020-0576-1.3');
    expect(meta.xmp).toMatchObject({ 'dc:title': meta.Title });
  });

  it('tags headings, paragraphs and lists, and keeps page furniture out as artifacts', async () => {
    const document = await openPdf(await renderPdf(model({ protectedIdentity: true })));
    try {
      const page = await document.getPage(1);
      const roles: string[] = [];
      const walk = (node: unknown): void => {
        if (typeof node !== 'object' || node === null) return;
        if ('role' in node && typeof node.role === 'string') roles.push(node.role);
        if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
      };
      walk(await page.getStructTree());
      expect(roles.slice(0, 4)).toEqual(['Root', 'Document', 'P', 'H1']);
      expect(roles).toEqual(
        expect.arrayContaining(['Sect', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody']),
      );

      const content = await page.getTextContent({ includeMarkedContent: true });
      const tags: string[] = [];
      const tagOf = new Map<string, string>();
      for (const item of content.items) {
        if ('str' in item) {
          if (item.str.trim() !== '') tagOf.set(item.str, tags.at(-1) ?? '');
        } else if (item.type === 'endMarkedContent') {
          tags.pop();
        } else {
          tags.push('tag' in item && typeof item.tag === 'string' ? item.tag : '');
        }
      }
      expect(tagOf.get('Rapport enligt lex Sarah')).toBe('H1');
      expect(tagOf.get('Rapportör')).toBe('H2');
      expect(tagOf.get('Namn')).toBe('H3');
      expect(tagOf.get('Åsa Öberg')).toBe('P');
      expect(tagOf.get(PROTECTED_MARK)).toBe('P');
      expect(tagOf.get(HEADER)).toBe('Artifact');
      expect(tagOf.get('Sida 1 av 1')).toBe('Artifact');
    } finally {
      await document.destroy();
    }
  });
});

describe('renderPdf: determinism and input checks', () => {
  it('gives the same bytes for the same model, and dates the file by createdAt', async () => {
    const first = await renderPdf(longModel({ protectedIdentity: true }));
    const second = await renderPdf(longModel({ protectedIdentity: true }));
    const later = await renderPdf(
      longModel({ protectedIdentity: true, createdAt: '2020-02-07T08:00:00+01:00' }),
    );

    expect(first.equals(second)).toBe(true);
    expect(first.equals(later)).toBe(false);
    expect((await rawMetadata(later)).CreationDate).toBe('D:20200207070000Z');
  });

  it('refuses a creation time that is not an ISO instant', async () => {
    await expect(renderPdf(model({ createdAt: '2020-02-06' }))).rejects.toThrow(RangeError);
    await expect(renderPdf(model({ createdAt: '2020-13-45T99:00:00Z' }))).rejects.toThrow(
      /createdAt must be an ISO 8601 instant/,
    );
  });

  it('refuses a signing time without an offset, which would depend on the server zone', async () => {
    await expect(
      renderPdf(model({ signature: { signedBy: 'Jan Ek', signedAt: '2024-07-01T10:00' } })),
    ).rejects.toThrow(/signature\.signedAt must be an ISO 8601 instant/);
  });
});
