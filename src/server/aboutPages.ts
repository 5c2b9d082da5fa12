import type { FastifyInstance } from 'fastify';

/**
 * The privacy notice and the terms of use the app package links to (`privacyUrl`,
 * `termsOfUseUrl`): plain pages in Swedish, then English, served by the product itself so the
 * links in Teams' and Outlook's app details lead somewhere true. They say what the product does
 * (SPEC §6–7), not the organisation's legal assessment, which its data protection officer adds
 * to its own register of processing.
 */

/** The paths the app package's `privacyUrl` and `termsOfUseUrl` point at. */
export const aboutPaths = { privacy: '/privacy', terms: '/terms' } as const;

/** Who the pages name: the publisher of the app (AVVIKELSE_DEVELOPER_NAME), if set. */
export interface AboutPagesOptions {
  publisherName?: string | undefined;
}

interface Section {
  heading: string;
  paragraphs: string[];
}

interface Page {
  title: string;
  intro: string;
  sections: Section[];
}

function privacy(publisher: { sv: string; en: string }): { sv: Page; en: Page } {
  return {
    sv: {
      title: 'Så behandlas personuppgifter i Avvikelse',
      intro: `Avvikelse används av ${publisher.sv} för att rapportera och utreda avvikelser: lex Sarah-rapporter, personuppgiftsincidenter och informationssäkerhetsincidenter. Personuppgiftsansvarig är ${publisher.sv}.`,
      sections: [
        {
          heading: 'Vilka uppgifter',
          paragraphs: [
            'Ditt namn, din titel och din enhet när du rapporterar eller handlägger, det du skriver i rapporten och i utredningen, och de uppgifter om berörda personer som behövs för att utreda händelsen. Ur mejl som rapporteras från Outlook skickas bara det du bekräftar och antalet personnummer, aldrig själva numren eller mejlets text.',
          ],
        },
        {
          heading: 'Varför',
          paragraphs: [
            'För att fullgöra skyldigheterna att rapportera och utreda missförhållanden enligt socialtjänstlagen (lex Sarah), att dokumentera och anmäla personuppgiftsincidenter enligt dataskyddsförordningen, och att hantera informationssäkerhetsincidenter.',
          ],
        },
        {
          heading: 'Var uppgifterna finns och vem som ser dem',
          paragraphs: [
            `I ${genitive(publisher.sv)} egen Microsoft 365 (SharePoint och Teams) och på den server som kör tjänsten. Inga uppgifter lämnas till andra leverantörer: ingen extern statistik, analys eller AI-tjänst.`,
            'Ett ärende ses bara av dem som handlägger den sortens ärenden. Den som rapporterar ser status för sina egna rapporter. Ärenden om personer med skyddade personuppgifter ses bara av namngivna handläggare, och varje läsning av dem loggas.',
          ],
        },
        {
          heading: 'Hur länge',
          paragraphs: [
            'Rapporter och utredningar är allmänna handlingar. De bevaras eller gallras enligt informationshanteringsplanen, och kan omfattas av sekretess.',
          ],
        },
        {
          heading: 'Dina rättigheter',
          paragraphs: [
            `Du kan begära att få veta vilka uppgifter om dig som behandlas, och att felaktiga uppgifter rättas. Kontakta ${genitive(publisher.sv)} dataskyddsombud. Du kan också klaga hos Integritetsskyddsmyndigheten (IMY).`,
          ],
        },
      ],
    },
    en: {
      title: 'How Avvikelse processes personal data',
      intro: `Avvikelse is used by ${publisher.en} to report and investigate deviations: Lex Sarah reports, personal data breaches and information security incidents. The controller is ${publisher.en}.`,
      sections: [
        {
          heading: 'What data',
          paragraphs: [
            'Your name, title and unit when you report or handle a case, what you write in the report and the investigation, and the data about people concerned that the investigation needs. From an e-mail reported from Outlook only what you confirm and the number of personal identity numbers are sent, never the numbers themselves or the text of the e-mail.',
          ],
        },
        {
          heading: 'Why',
          paragraphs: [
            'To meet the duties to report and investigate improprieties under the Social Services Act (Lex Sarah), to document and notify personal data breaches under the GDPR, and to handle information security incidents.',
          ],
        },
        {
          heading: 'Where the data is and who sees it',
          paragraphs: [
            `In ${publisher.en}'s own Microsoft 365 (SharePoint and Teams) and on the server that runs the service. No data is given to other suppliers: no external statistics, analytics or AI service.`,
            'A case is seen only by those who handle that kind of case. Reporters see the status of their own reports. Cases about people with protected personal data are seen only by named handlers, and every read of them is logged.',
          ],
        },
        {
          heading: 'How long',
          paragraphs: [
            'Reports and investigations are public records. They are kept or disposed of under the retention schedule, and may be subject to secrecy.',
          ],
        },
        {
          heading: 'Your rights',
          paragraphs: [
            `You may ask which data about you is processed, and have wrong data corrected. Contact the data protection officer of ${publisher.en}. You may also complain to the Swedish Authority for Privacy Protection (IMY).`,
          ],
        },
      ],
    },
  };
}

function terms(publisher: { sv: string; en: string }): { sv: Page; en: Page } {
  return {
    sv: {
      title: 'Villkor för att använda Avvikelse',
      intro: `Avvikelse är ${genitive(publisher.sv)} verktyg för att rapportera och utreda avvikelser. Det får användas av medarbetare i tjänsten.`,
      sections: [
        {
          heading: 'När du rapporterar',
          paragraphs: [
            'Beskriv vad som hänt så sakligt du kan. Skriv inte fler personuppgifter än vad som behövs för att förstå händelsen, och inga personnummer i fritext om det inte är nödvändigt.',
            'Det du skickar in blir en allmän handling som diarieförs. Det kan lämnas ut om inte sekretess gäller.',
          ],
        },
        {
          heading: 'När du handlägger',
          paragraphs: [
            'Öppna bara ärenden du behöver i ditt arbete. Läsningar av ärenden med skyddade personuppgifter loggas och kan granskas av dataskyddsombudet.',
          ],
        },
        {
          heading: 'Frågor',
          paragraphs: [
            `Frågor om tjänsten besvaras av ${genitive(publisher.sv)} support; frågor om personuppgifter av dataskyddsombudet.`,
          ],
        },
      ],
    },
    en: {
      title: 'Terms of use of Avvikelse',
      intro: `Avvikelse is the tool of ${publisher.en} to report and investigate deviations. It may be used by its staff at work.`,
      sections: [
        {
          heading: 'When you report',
          paragraphs: [
            'Describe what happened as factually as you can. Write no more personal data than is needed to understand the event, and no personal identity numbers in free text unless necessary.',
            'What you submit becomes a public record and is registered. It may be disclosed unless secrecy applies.',
          ],
        },
        {
          heading: 'When you handle cases',
          paragraphs: [
            'Open only the cases your work needs. Reads of cases with protected personal data are logged and may be reviewed by the data protection officer.',
          ],
        },
        {
          heading: 'Questions',
          paragraphs: [
            `Questions about the service go to the support of ${publisher.en}; questions about personal data to the data protection officer.`,
          ],
        },
      ],
    },
  };
}

/** The Swedish genitive: an s, except after s, x or z (Halmstad → Halmstads, Västerås → Västerås). */
function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

function renderSection(page: Page, level: 'h1' | 'h2', lang?: string): string {
  const sub = level === 'h1' ? 'h2' : 'h3';
  const sections = page.sections
    .map(
      (section) =>
        `<${sub}>${escapeHtml(section.heading)}</${sub}>\n` +
        section.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
    )
    .join('\n');
  const body = `<${level}>${escapeHtml(page.title)}</${level}>\n<p>${escapeHtml(page.intro)}</p>\n${sections}`;
  return lang === undefined ? body : `<section lang="${lang}">\n${body}\n</section>`;
}

/** The whole page: Swedish first, then the same in English, with no script or style. */
function renderAboutPage(page: { sv: Page; en: Page }): string {
  return [
    '<!doctype html>',
    '<html lang="sv">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.sv.title)} / ${escapeHtml(page.en.title)}</title>`,
    '</head>',
    '<body>',
    '<main>',
    renderSection(page.sv, 'h1'),
    renderSection(page.en, 'h2', 'en'),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The HTML of the privacy notice or the terms of use, naming the publisher if one is given. */
export function aboutPage(kind: keyof typeof aboutPaths, publisherName?: string): string {
  const publisher =
    publisherName === undefined
      ? { sv: 'organisationen', en: 'the organisation' }
      : { sv: publisherName, en: publisherName };
  return renderAboutPage(kind === 'privacy' ? privacy(publisher) : terms(publisher));
}

/** Registers `/privacy` and `/terms`, open to anyone (the app details link to them). */
export function registerAboutPages(app: FastifyInstance, options: AboutPagesOptions = {}): void {
  for (const kind of ['privacy', 'terms'] as const) {
    const html = aboutPage(kind, options.publisherName);
    app.get(aboutPaths[kind], (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html),
    );
  }
}
